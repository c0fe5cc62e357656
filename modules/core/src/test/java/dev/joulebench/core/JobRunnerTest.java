package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hang (e.g. a blocking emit or a completion that never ends) fails the test instead of the build. */
@Timeout(60)
class JobRunnerTest {
    private static final TrainSpec SPEC = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-32-10").epochs(2).seed(7L).device("cpu").build();

    @TempDir
    Path workspace;

    private EventBus bus;
    private Recorder events;
    private JobRunner runner;

    @BeforeEach
    void setUp() {
        bus = new EventBus();
        events = new Recorder();
        bus.subscribe("test", events);
        runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                new ProvenanceCollector(List.of()));
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    /** Minimal thread-safe event recorder (core tests cannot use the testkit). */
    private static final class Recorder implements RunEventListener {
        private final List<RunEvent> list = new ArrayList<>();

        @Override
        public synchronized void onEvent(RunEvent event) {
            list.add(event);
        }

        synchronized List<RunEvent> all() {
            return List.copyOf(list);
        }

        synchronized <T extends RunEvent> List<T> ofType(Class<T> type) {
            return list.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** A clock that moves only when told (duplicated from the testkit's ManualClock). */
    private static final class ManualClock implements MonotonicClock {
        private final Instant start;
        private long nanos;

        ManualClock(Instant start) {
            this.start = start;
        }

        synchronized void advance(Duration d) {
            nanos += d.toNanos();
        }

        @Override
        public synchronized long nanoTime() {
            return nanos;
        }

        @Override
        public synchronized Instant now() {
            return start.plusNanos(nanos);
        }
    }

    /** Waits for the run without risking a hung test. */
    private RunRecord finish(RunHandle handle) throws Exception {
        RunRecord r = handle.completion().get(20, TimeUnit.SECONDS);
        assertThat(bus.drain(10, TimeUnit.SECONDS)).as("events delivered").isTrue();
        return r;
    }

    private static RunRecord onDisk(RunHandle handle) throws Exception {
        return Json.mapper().readValue(handle.runDir().resolve(RunDirectory.RUN_JSON).toFile(), RunRecord.class);
    }

    private static List<JsonNode> metricLines(RunHandle handle) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(handle.runDir().resolve(RunDirectory.METRICS))) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void energyPerThousandInferencesComesFromThePhasesEnergyAndCount() {
        Map<String, Double> summary = new java.util.LinkedHashMap<>(Map.of(
                "inferences/eval", 2000.0, "energy/eval_kwh", 0.004,
                "inferences/warmup", 10.0)); // no energy measured for warmup: nothing derived
        JobRunner.perThousandInferences(summary);
        assertThat(summary.get("energy/eval_kwh_per_1000_inferences")).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(summary).doesNotContainKey("energy/warmup_kwh_per_1000_inferences");
    }

    @Test
    void finishedJobWritesACompleteRecord() throws Exception {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("test/loss", 0.31);
        summary.put("test/accuracy", 0.89);
        summary.put("energy/kwh", 1.5e-4);
        Instant before = Instant.now();

        RunHandle handle = runner.submit(SPEC, ctx -> {
            ctx.metric(1, 0, "train/loss", 0.7);
            return new JobResult(summary);
        });
        assertThat(handle.runId()).matches("\\d{8}-\\d{6}-train-bp-[0-9a-f]{4}");
        assertThat(handle.runDir()).isEqualTo(runner.store().runsDir().resolve(handle.runId()));
        RunRecord r = finish(handle);

        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.error()).isNull();
        assertThat(r.summary().keySet()).containsExactly("test/loss", "test/accuracy", "energy/kwh");
        assertThat(r.summary()).containsEntry("test/accuracy", 0.89);

        RunRecord disk = onDisk(handle);
        assertThat(disk).isEqualTo(r);
        assertThat(disk.id()).isEqualTo(handle.runId());
        assertThat(disk.kind()).isEqualTo("train");
        assertThat(disk.method()).isEqualTo("bp");
        assertThat(disk.spec()).isEqualTo(SPEC);
        assertThat(disk.summary().keySet()).containsExactly("test/loss", "test/accuracy", "energy/kwh");
        assertThat(disk.durationSeconds()).isNotNull().isGreaterThanOrEqualTo(0.0).isLessThan(20.0);
        assertThat(disk.createdAt()).isNotNull();
        assertThat(disk.endedAt()).isNotNull();
        Instant created = Instant.parse(disk.createdAt());
        Instant ended = Instant.parse(disk.endedAt());
        assertThat(created).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(ended).isAfterOrEqualTo(created);
        assertThat(disk.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(disk.provenance()).isNotNull();
        assertThat(disk.provenance().seed()).isEqualTo(7L);
        assertThat(disk.provenance().hardware().cpuCount()).isPositive();
        assertThat(disk.provenance().software().os()).isEqualTo(System.getProperty("os.name"));
        assertThat(disk.provenance().software().javaVersion()).isNotBlank();
        assertThat(disk.effectiveStatus()).isEqualTo(RunStatus.FINISHED);

        // the status field is the documented lower-case word; no temp file is left behind
        JsonNode json = Json.mapper().readTree(handle.runDir().resolve(RunDirectory.RUN_JSON).toFile());
        assertThat(json.get("status").asText()).isEqualTo("finished");
        try (Stream<Path> files = Files.list(handle.runDir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(RunDirectory.RUN_JSON, RunDirectory.METRICS);
        }
        assertThat(runner.store().load(handle.runId())).isEqualTo(r);
    }

    @Test
    void runJsonSaysRunningWhileTheJobRuns() throws Exception {
        CountDownLatch inJob = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Object> seenInJob = new AtomicReference<>();
        RunHandle handle = runner.submit(SPEC, ctx -> {
            seenInJob.set(List.of(ctx.runId(), ctx.seed(), ctx.device(), ctx.runDir(), Thread.currentThread().getName()));
            inJob.countDown();
            assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            return null;
        });
        try {
            assertThat(inJob.await(20, TimeUnit.SECONDS)).isTrue();
            RunRecord running = onDisk(handle);
            assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(running.endedAt()).isNull();
            assertThat(running.durationSeconds()).isNull();
            assertThat(running.pid()).isEqualTo(ProcessHandle.current().pid());
            // with when this process started, so a later process given the same pid is not taken for it
            assertThat(running.pidStartedAt()).isNotNull().isEqualTo(RunRecord.currentProcessStart());
            assertThat(running.effectiveStatus()).isEqualTo(RunStatus.RUNNING);
            assertThat(running.provenance().hardware().cpuCount()).isPositive();
            assertThat(handle.completion()).isNotDone();
        } finally {
            release.countDown();
        }
        RunRecord r = finish(handle);
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.summary()).isEmpty(); // a null result is an empty summary
        assertThat(seenInJob.get()).isEqualTo(List.of(handle.runId(), 7L, "cpu", handle.runDir(),
                "job-" + handle.runId()));
    }

    @Test
    void durationAndTimesFollowTheInjectedClock() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2024-06-01T10:20:30Z"));
        JobRunner manual = new JobRunner(new RunStore(workspace), bus, clock, new ProvenanceCollector(List.of()));

        RunHandle handle = manual.submit(SPEC, ctx -> {
            clock.advance(Duration.ofMillis(1500));
            ctx.metric(1, 0, "train/loss", 0.5);
            clock.advance(Duration.ofMillis(1000));
            return new JobResult(Map.of());
        });
        RunRecord r = finish(handle);

        assertThat(handle.runId()).startsWith("20240601-102030-train-bp-");
        assertThat(r.createdAt()).isEqualTo("2024-06-01T10:20:30Z");
        assertThat(r.endedAt()).isEqualTo("2024-06-01T10:20:32.500Z");
        assertThat(r.durationSeconds()).isEqualTo(2.5);
        assertThat(metricLines(handle)).singleElement().satisfies(l -> assertThat(l.get("t").asDouble()).isEqualTo(1.5));
        assertThat(events.ofType(RunEvent.MetricPoint.class)).singleElement()
                .satisfies(p -> assertThat(p.t()).isEqualTo(1.5));
        assertThat(events.ofType(RunEvent.RunEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.t()).isEqualTo(2.5));
    }

    @Test
    void failingJobEndsFailedWithItsMessageAndKeepsItsMetrics() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            for (int step = 1; step <= 5; step++) {
                ctx.metric(step, 0, "train/loss", 1.0 / step);
            }
            throw new IllegalStateException("boom at step 5");
        });
        RunRecord r = finish(handle);

        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("boom at step 5");
        assertThat(r.summary()).isEmpty();
        assertThat(r.endedAt()).isNotNull();
        assertThat(r.durationSeconds()).isNotNull();
        RunRecord disk = onDisk(handle);
        assertThat(disk.status()).isEqualTo(RunStatus.FAILED);
        assertThat(disk.error()).isEqualTo("boom at step 5");

        List<JsonNode> lines = metricLines(handle);
        assertThat(lines).hasSize(5);
        assertThat(lines).extracting(l -> l.get("step").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);

        RunEvent.RunEnded ended = events.ofType(RunEvent.RunEnded.class).get(0);
        assertThat(ended.status()).isEqualTo("failed");
        assertThat(ended.error()).isEqualTo("boom at step 5");
        // await() never throws for a failed job
        assertThat(handle.await()).isEqualTo(r);
    }

    @Test
    void exceptionWithoutMessageIsDescribedByItsClass() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            throw new java.io.IOException();
        });
        RunRecord r = finish(handle);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("IOException");
    }

    @Test
    void cancelledJobEndsCancelledAndKeepsItsMetrics() throws Exception {
        CountDownLatch threeSteps = new CountDownLatch(3);
        RunHandle handle = runner.submit(SPEC, ctx -> {
            for (long step = 1; ; step++) {
                ctx.metric(step, 0, "train/loss", 1.0 / step);
                threeSteps.countDown();
                ctx.cancellation().throwIfCancelled();
                Thread.sleep(1); // one "batch" of work
            }
        });
        assertThat(threeSteps.await(20, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunRecord r = finish(handle);

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(r.error()).isNull();
        assertThat(onDisk(handle).status()).isEqualTo(RunStatus.CANCELLED);
        List<JsonNode> lines = metricLines(handle);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("step").asLong()).isEqualTo(i + 1);
        }
        assertThat(events.ofType(RunEvent.RunEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("cancelled"));
    }

    @Test
    void jobThatStopsEarlyOnCancellationIsCancelledWithItsSummary() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        RunHandle handle = runner.submit(SPEC, ctx -> {
            started.countDown();
            while (!ctx.cancellation().isCancelled()) {
                Thread.sleep(1);
            }
            return new JobResult(Map.of("val/accuracy", 0.5));
        });
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        handle.cancel();
        RunRecord r = finish(handle);
        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(r.summary()).containsExactly(Map.entry("val/accuracy", 0.5));
    }

    @Test
    void prunedJobEndsPrunedNotCancelledAndKeepsItsMetrics() throws Exception {
        CountDownLatch twoEpochs = new CountDownLatch(2);
        RunHandle handle = runner.submit(SPEC, ctx -> {
            for (int epoch = 0; ; epoch++) {
                ctx.metric(epoch + 1L, epoch, "val/accuracy", 0.1 * epoch);
                twoEpochs.countDown();
                ctx.cancellation().throwIfCancelled();
                Thread.sleep(1); // one "epoch" of work
            }
        });
        assertThat(twoEpochs.await(20, TimeUnit.SECONDS)).isTrue();
        handle.prune();
        RunRecord r = finish(handle);

        assertThat(r.status()).isEqualTo(RunStatus.PRUNED);
        assertThat(onDisk(handle).status()).isEqualTo(RunStatus.PRUNED);
        assertThat(metricLines(handle)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.ofType(RunEvent.RunEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("pruned"));
    }

    @Test
    void invalidSpecIsRejectedBeforeAnyRunExists() {
        TrainSpec bad = TrainSpec.builder().method("xx").dataset("samples").model("m").epochs(0).build();
        assertThatThrownBy(() -> runner.submit(bad))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("method: must be one of bp")
                .hasMessageContaining("epochs:");
        assertThat(runner.store().runsDir()).doesNotExist();
        assertThat(runner.store().list()).isEmpty();
        assertThat(events.all()).isEmpty();
    }

    @Test
    void validSpecWithoutAnInstalledJobIsBadInputAndCreatesNoRun() {
        JobSpec spec = TrainSpec.of("bp", "samples", "mlp:4-2");
        assertThatThrownBy(() -> runner.submit(spec))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining("train");
        assertThat(runner.store().runsDir()).doesNotExist();
    }

    @Test
    void listenerSeesRunStartedFirstAndRunEndedLast() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            ctx.progress("epoch", 0, 2, "starting");
            ctx.metric(1, 0, "train/loss", 0.9);
            ctx.log("INFO", "halfway");
            Path model = Files.createDirectories(ctx.runDir().resolve("model"));
            Path file = Files.writeString(model.resolve("weights.bin"), "w");
            ctx.artifact(file, "weights");
            ctx.metric(2, 1, "val/accuracy", 0.8);
            ctx.progress("epoch", 2, 2, "done");
            return new JobResult(Map.of("test/accuracy", 0.8));
        });
        finish(handle);

        List<RunEvent> all = events.all();
        assertThat(all).hasSize(8);
        assertThat(all).allSatisfy(e -> assertThat(e.runId()).isEqualTo(handle.runId()));
        assertThat(all.get(0)).isInstanceOfSatisfying(RunEvent.RunStarted.class, s -> {
            assertThat(s.kind()).isEqualTo("train");
            assertThat(s.method()).isEqualTo("bp");
            assertThat(s.runDir()).isEqualTo(handle.runDir().toString());
            assertThat(s.t()).isZero();
        });
        assertThat(all.get(all.size() - 1)).isInstanceOfSatisfying(RunEvent.RunEnded.class, e -> {
            assertThat(e.status()).isEqualTo("finished");
            assertThat(e.error()).isNull();
            assertThat(e.summary()).containsExactly(Map.entry("test/accuracy", 0.8));
        });
        assertThat(all.subList(1, 7)).extracting(e -> e.getClass().getSimpleName()).containsExactly("Progress",
                "MetricPoint", "LogLine", "ArtifactWritten", "MetricPoint", "Progress");
        assertThat(events.ofType(RunEvent.ArtifactWritten.class)).singleElement()
                .satisfies(a -> assertThat(Path.of(a.path())).isEqualTo(Path.of("model", "weights.bin")));
        // t never goes back
        assertThat(all).extracting(RunEvent::t).isSortedAccordingTo(Comparator.naturalOrder());
        // every metric a listener saw is on disk
        assertThat(metricLines(handle)).extracting(l -> l.get("name").asText())
                .containsExactly("train/loss", "val/accuracy");
    }

    @Test
    void settingsAppearInProvenance() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            ctx.setting("device", "cpu");
            ctx.setting("threads", "8");
            ctx.setting("device", "gpu:0"); // the last value wins
            return new JobResult(Map.of());
        });
        RunRecord r = finish(handle);
        assertThat(r.provenance().settings()).containsOnly(Map.entry("device", "gpu:0"), Map.entry("threads", "8"));
        assertThat(onDisk(handle).provenance().settings())
                .containsOnly(Map.entry("device", "gpu:0"), Map.entry("threads", "8"));
    }

    @Test
    void settingsAreKeptWhenTheJobFails() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            ctx.setting("device", "cpu");
            throw new IllegalStateException("out of data");
        });
        RunRecord r = finish(handle);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(onDisk(handle).provenance().settings()).containsExactly(Map.entry("device", "cpu"));
    }

    @Test
    void runsOfOneRunnerGetDistinctDirectories() throws Exception {
        List<RunHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(runner.submit(SPEC, ctx -> new JobResult(Map.of())));
        }
        for (RunHandle h : handles) {
            assertThat(finish(h).status()).isEqualTo(RunStatus.FINISHED);
        }
        assertThat(handles).extracting(RunHandle::runId).doesNotHaveDuplicates();
        assertThat(runner.store().list()).hasSize(5);
    }

    @Test
    void errorThrownByTheJobStillEndsTheRun() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            throw new AssertionError("broken invariant");
        });
        RunRecord r = finish(handle);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("broken invariant");
    }

    /** The run's completion, normal or exceptional, within a short bound: a caller of await() must never hang. */
    private static Object outcomeWithin5s(RunHandle handle) throws Exception {
        try {
            return handle.completion().handle((r, e) -> r != null ? r : e).get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("completion of run " + handle.runId() + " never ended: await() would hang", e);
        }
    }

    @Test
    void virtualMachineErrorIsRecordedAndCompletionStillEnds() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            throw new OutOfMemoryError("Java heap space (simulated)");
        });
        Object outcome = outcomeWithin5s(handle);
        if (outcome instanceof RunRecord r) {
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        } else {
            Throwable t = (Throwable) outcome;
            while (t.getCause() != null && !(t instanceof OutOfMemoryError)) {
                t = t.getCause();
            }
            assertThat(t).as("the error behind the exceptional completion").isInstanceOf(OutOfMemoryError.class);
        }
        RunRecord disk = onDisk(handle);
        assertThat(disk.status()).isEqualTo(RunStatus.FAILED);
        assertThat(disk.error()).isEqualTo("Java heap space (simulated)");
    }

    @Test
    void failureToWriteTheFinalRecordCompletesExceptionally() throws Exception {
        RunHandle handle = runner.submit(SPEC, ctx -> {
            // pull the run directory away so that the final run.json cannot be written
            try (Stream<Path> files = Files.list(ctx.runDir())) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(ctx.runDir());
            return new JobResult(Map.of());
        });
        Object outcome = outcomeWithin5s(handle);
        assertThat(outcome).isInstanceOf(Throwable.class);
        assertThatThrownBy(handle::await)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the end of run " + handle.runId() + " could not be recorded in its run.json: ")
                .hasMessageContaining("no such file or directory");
    }
}
