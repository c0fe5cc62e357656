package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.provenance.ProvenanceContributor;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run that got a directory ends with a final status and a RunEnded event, whatever breaks on the way
 * in or out (instrument factories, provenance, instrument start and stop, the final write), and records
 * what its listeners missed.
 */
@Timeout(60)
class RunLifecycleTest {
    private static final TrainSpec SPEC = TrainSpec.of("bp", "samples", "mlp:784-10");

    @TempDir
    Path workspace;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<EventBus> buses = new ArrayList<>();
    private final Recorder events = new Recorder();

    @AfterEach
    void tearDown() {
        release.countDown();
        buses.forEach(EventBus::close);
    }

    private static final class Recorder implements RunEventListener {
        private final List<RunEvent> list = new ArrayList<>();

        @Override
        public synchronized void onEvent(RunEvent event) {
            list.add(event);
        }

        synchronized List<String> kinds() {
            return list.stream().map(e -> e.getClass().getSimpleName()).toList();
        }

        synchronized RunEvent.RunEnded ended() {
            return list.stream().filter(RunEvent.RunEnded.class::isInstance).map(RunEvent.RunEnded.class::cast)
                    .reduce((a, b) -> b).orElseThrow();
        }
    }

    private EventBus bus(int capacity) {
        EventBus bus = new EventBus(capacity);
        buses.add(bus);
        bus.subscribe("test", events);
        return bus;
    }

    private JobRunner runner(EventBus bus, ProvenanceCollector provenance, List<RunInstrumentFactory> instruments) {
        return new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(), provenance, instruments);
    }

    private JobRunner runner(List<RunInstrumentFactory> instruments) {
        return runner(bus(1024), new ProvenanceCollector(List.of()), instruments);
    }

    private RunRecord endOf(RunHandle handle, EventBus bus) throws Exception {
        RunRecord r = handle.completion().get(20, TimeUnit.SECONDS);
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        return r;
    }

    private static RunRecord onDisk(RunHandle handle) throws Exception {
        return Json.mapper().readValue(handle.runDir().resolve(RunDirectory.RUN_JSON).toFile(), RunRecord.class);
    }

    /** An instrument whose start and stop do what the test says, and that logs what was called. */
    private static RunInstrument instrument(List<String> calls, String name, Runnable onStart, Runnable onStop) {
        return new RunInstrument() {
            @Override
            public void start(JobContext ctx) {
                calls.add(name + ".start");
                onStart.run();
            }

            @Override
            public Report stop(JobContext ctx) {
                calls.add(name + ".stop");
                onStop.run();
                return new Report(name, Map.of("ok", true), Map.of());
            }
        };
    }

    private static final Runnable NOTHING = () -> { };

    private void assertEndedFailed(RunHandle handle, RunRecord r, String message) throws Exception {
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).contains(message);
        RunRecord disk = onDisk(handle);
        assertThat(disk.status()).isEqualTo(RunStatus.FAILED);
        assertThat(disk.effectiveStatus()).isEqualTo(RunStatus.FAILED);
        assertThat(disk.error()).contains(message);
        assertThat(disk.endedAt()).isNotNull();
        assertThat(events.kinds()).containsExactly("RunStarted", "RunEnded");
        assertThat(events.ended().status()).isEqualTo("failed");
        assertThat(events.ended().error()).contains(message);
    }

    @Test
    void anInstrumentFactoryThatThrowsEndsTheRunFailedWithItsMessage() throws Exception {
        AtomicBoolean jobRan = new AtomicBoolean();
        JobRunner runner = runner(List.of(spec -> {
            throw new IllegalStateException("no energy sensor could be opened");
        }));
        RunHandle handle = runner.submit(SPEC, ctx -> {
            jobRan.set(true);
            return new JobResult(Map.of());
        });
        RunRecord r = endOf(handle, buses.get(0));
        assertEndedFailed(handle, r, "no energy sensor could be opened");
        assertThat(r.error()).startsWith("could not start the run: ");
        assertThat(jobRan).isFalse();
        assertThat(handle.await()).isEqualTo(r);
        assertThat(new RunStore(workspace).load(handle.runId()).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void provenanceThatThrowsAnErrorEndsTheRunFailed() throws Exception {
        ProvenanceContributor broken = () -> {
            throw new AssertionError("contributor broke");
        };
        EventBus bus = bus(1024);
        RunHandle handle = runner(bus, new ProvenanceCollector(List.of(broken)), List.of())
                .submit(SPEC, ctx -> new JobResult(Map.of()));
        RunRecord r = endOf(handle, bus);
        assertEndedFailed(handle, r, "contributor broke");
        assertThat(onDisk(handle).provenance()).isNull();
    }

    @Test
    void anErrorInAnInstrumentsStartFailsTheRunAndStopsTheInstrumentsAlreadyStarted() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        AtomicBoolean jobRan = new AtomicBoolean();
        JobRunner runner = runner(List.of(
                spec -> instrument(calls, "first", NOTHING, NOTHING),
                spec -> instrument(calls, "broken", () -> {
                    throw new Error("sensor driver crashed");
                }, NOTHING),
                spec -> instrument(calls, "never", NOTHING, NOTHING)));
        RunHandle handle = runner.submit(SPEC, ctx -> {
            jobRan.set(true);
            return new JobResult(Map.of());
        });
        RunRecord r = endOf(handle, buses.get(0));
        assertEndedFailed(handle, r, "sensor driver crashed");
        assertThat(jobRan).isFalse();
        assertThat(calls).containsExactly("first.start", "broken.start", "first.stop");
        assertThat(r.reports()).containsOnlyKeys("first");
    }

    @Test
    void aLinkageErrorInAnInstrumentsStartLeavesItOutAndTheRunGoesOn() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        JobRunner runner = runner(List.of(
                spec -> instrument(calls, "nvml", () -> {
                    throw new UnsatisfiedLinkError("libnvidia-ml.so: cannot open shared object file");
                }, NOTHING),
                spec -> instrument(calls, "probe", NOTHING, NOTHING)));
        RunRecord r = endOf(runner.submit(SPEC, ctx -> new JobResult(Map.of())), buses.get(0));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(calls).containsExactly("nvml.start", "probe.start", "probe.stop");
        assertThat(r.reports()).containsOnlyKeys("probe");
    }

    @Test
    void anErrorInAnInstrumentsStopStillEndsTheRunAndTheOthersReport() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        JobRunner runner = runner(List.of(
                spec -> instrument(calls, "broken", NOTHING, () -> {
                    throw new NoClassDefFoundError("com/sun/jna/Native");
                }),
                spec -> instrument(calls, "asserting", NOTHING, () -> {
                    throw new AssertionError("stopped twice");
                }),
                spec -> instrument(calls, "probe", NOTHING, NOTHING)));
        RunHandle handle = runner.submit(SPEC, ctx -> new JobResult(Map.of("test/accuracy", 0.5)));
        RunRecord r = endOf(handle, buses.get(0));
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(onDisk(handle).status()).isEqualTo(RunStatus.FINISHED);
        assertThat(calls).containsExactly("broken.start", "asserting.start", "probe.start", "broken.stop",
                "asserting.stop", "probe.stop");
        assertThat(r.reports()).containsOnlyKeys("probe");
        assertThat(events.ended().status()).isEqualTo("finished");
    }

    @Test
    void aReportThatCannotBeWrittenEndsTheRunFailedInsteadOfRunning() throws Exception {
        RunInstrument unwritable = new RunInstrument() {
            @Override
            public void start(JobContext ctx) {
            }

            @Override
            public Report stop(JobContext ctx) {
                return new Report("opaque", new Object(), Map.of("opaque/n", 1.0)); // Jackson cannot write an empty bean
            }
        };
        EventBus bus = bus(1024);
        RunHandle handle = runner(bus, new ProvenanceCollector(List.of()), List.of(spec -> unwritable))
                .submit(SPEC, ctx -> new JobResult(Map.of("test/accuracy", 0.5)));
        RunRecord r = endOf(handle, bus);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).startsWith("the run ended finished but its reports could not be written to run.json");
        RunRecord disk = onDisk(handle);
        assertThat(disk).isEqualTo(r);
        assertThat(disk.summary()).containsEntry("test/accuracy", 0.5);
        assertThat(disk.reports()).isEmpty();
        assertThat(events.ended().status()).isEqualTo("failed");
    }

    @Test
    void resourcesTiedToTheRunAreClosedLastFirstWhenTheJobEndsEvenIfItFails() throws Exception {
        List<String> closed = new CopyOnWriteArrayList<>();
        JobRunner runner = runner(List.of());
        RunHandle handle = runner.submit(SPEC, ctx -> {
            ctx.closeAtEnd(() -> closed.add("engine settings"));
            ctx.closeAtEnd(() -> {
                closed.add("broken");
                throw new IllegalStateException("close failed");
            });
            ctx.closeAtEnd(() -> closed.add("last"));
            throw new IllegalStateException("job failed");
        });
        RunRecord r = endOf(handle, buses.get(0));
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.error()).isEqualTo("job failed");
        assertThat(closed).containsExactly("last", "broken", "engine settings");
    }

    @Test
    void eventsABlockedListenerMissedAreCountedInRunJsonAndItStillGetsTheRunsEnd() throws Exception {
        EventBus bus = new EventBus(4); // only the stuck listener: a recorder could not keep up with 4 slots either
        buses.add(bus);
        List<RunEvent> blockedSeen = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        bus.subscribe("stuck-pane", e -> {
            blockedSeen.add(e);
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        RunHandle handle = runner(bus, new ProvenanceCollector(List.of()), List.of()).submit(SPEC, ctx -> {
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("the pane holds RunStarted").isTrue();
            for (int step = 1; step <= 50; step++) {
                ctx.metric(step, 0, MetricKeys.TRAIN_LOSS, 1.0 / step);
            }
            return new JobResult(Map.of());
        });
        RunRecord r = handle.completion().get(20, TimeUnit.SECONDS);
        // 4 points wait in the stuck pane's queue, 46 were dropped for it
        assertThat(r.summary()).containsEntry(MetricKeys.EVENTS_DROPPED, 46.0);
        JsonNode json = Json.mapper().readTree(handle.runDir().resolve(RunDirectory.RUN_JSON).toFile());
        assertThat(json.at("/summary/events~1dropped").asDouble()).isEqualTo(46.0);
        assertThat(json.at("/reports/events/dropped/stuck-pane").asLong()).isEqualTo(46);
        assertThat(json.at("/reports/events/dropped").size()).isEqualTo(1);

        release.countDown();
        assertThat(bus.drain(10, TimeUnit.SECONDS)).isTrue();
        assertThat(blockedSeen).hasSize(6);
        assertThat(blockedSeen.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(blockedSeen.get(5)).isInstanceOfSatisfying(RunEvent.RunEnded.class,
                e -> assertThat(e.summary()).containsEntry(MetricKeys.EVENTS_DROPPED, 46.0));
    }

    @Test
    void aRunWhoseListenersMissedNothingHasNoDroppedKey() throws Exception {
        JobRunner runner = runner(List.of());
        RunRecord r = endOf(runner.submit(SPEC, ctx -> {
            ctx.metric(1, 0, MetricKeys.TRAIN_LOSS, 0.5);
            return new JobResult(Map.of());
        }), buses.get(0));
        assertThat(r.summary()).doesNotContainKey(MetricKeys.EVENTS_DROPPED);
        assertThat(r.reports()).doesNotContainKey(JobRunner.EVENTS_SECTION);
    }
}
