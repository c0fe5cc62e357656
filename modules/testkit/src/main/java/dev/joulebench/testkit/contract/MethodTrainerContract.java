package dev.joulebench.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every training method must do, checked through the same runner, factories and run directories the
 * command line uses (so the suite needs only core types): learn well above chance on the shipped samples,
 * report the common metric set, repeat exactly with the same seed, end {@code cancelled} with a checkpoint
 * when cancelled, reproduce its test accuracy when its checkpoint is evaluated, and refuse an unknown
 * option as bad input before a run exists. Each method's test extends it with a small model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MethodTrainerContract {
    /** The {@code --method} name. */
    protected abstract String method();

    /** A small model of the method's grammar for the 28×28, 10-class samples. */
    protected abstract String model();

    /** Method options for the runs (default none). */
    protected Map<String, String> options() {
        return Map.of();
    }

    protected int epochs() {
        return 2;
    }

    /** Training images used (before the 20% validation hold-out). */
    protected int limitTrain() {
        return 1000;
    }

    /** Test accuracy the method must beat on the samples; chance is 0.1. */
    protected double minimumAccuracy() {
        return 0.3;
    }

    protected double learningRate() {
        return 1e-3;
    }

    private Path workspace;
    private RunStore store;
    private EventBus bus;
    private JobRunner runner;
    private RunRecord first;

    @BeforeAll
    void startRunner() throws IOException {
        workspace = Files.createTempDirectory("method-contract-" + method());
        store = new RunStore(workspace);
        bus = new EventBus();
        runner = new JobRunner(store, bus, MonotonicClock.system(), ProvenanceCollector.fromServiceLoader());
    }

    @AfterAll
    void stopRunner() {
        bus.close();
    }

    protected TrainSpec spec(long seed) {
        return TrainSpec.builder().method(method()).dataset("samples").model(model()).epochs(epochs())
                .batchSize(32).learningRate(learningRate()).validationFraction(0.2).limitTrain(limitTrain())
                .seed(seed).device("cpu").threads(2).spectraEvery(0).options(options()).build();
    }

    private synchronized RunRecord firstRun() throws InterruptedException {
        if (first == null) {
            first = runner.submit(spec(11)).await();
        }
        return first;
    }

    @Test
    void learnsAboveChanceAndReportsTheCommonMetrics() throws Exception {
        RunRecord r = firstRun();
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        Map<String, Double> s = r.summary();
        assertThat(s.get(MetricKeys.TEST_ACCURACY)).isGreaterThan(minimumAccuracy());
        assertThat(s).containsKeys(MetricKeys.TEST_LOSS, MetricKeys.VAL_BEST_ACCURACY, MetricKeys.BEST_EPOCH,
                MetricKeys.EPOCHS, MetricKeys.STEPS, MetricKeys.TRAIN_SECONDS, MetricKeys.TRAIN_SAMPLES_PER_SECOND,
                MetricKeys.PARAMS);
        assertThat(s.get(MetricKeys.TEST_LOSS)).isFinite().isPositive();
        List<String> names = lines(r).stream().map(l -> l.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(names).contains(MetricKeys.TRAIN_LOSS, MetricKeys.TRAIN_EPOCH_LOSS,
                MetricKeys.TRAIN_SAMPLES_PER_SECOND, MetricKeys.VAL_ACCURACY, MetricKeys.VAL_LOSS,
                MetricKeys.TEST_ACCURACY, MetricKeys.TEST_LOSS);
        assertThat(r.split()).as("the split is recorded in run.json").isNotNull();
        assertThat(r.split().trainCount() + r.split().validationCount()).isEqualTo(limitTrain());
    }

    @Test
    void theSameSeedGivesTheSameMetrics() throws Exception {
        RunRecord again = runner.submit(spec(11)).await();
        assertThat(again.status()).as(String.valueOf(again.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(learned(lines(again))).isEqualTo(learned(lines(firstRun())));
        assertThat(again.summary().get(MetricKeys.TEST_ACCURACY))
                .isEqualTo(firstRun().summary().get(MetricKeys.TEST_ACCURACY));
    }

    @Test
    void evaluatingTheCheckpointGivesTheRunsTestAccuracy() throws Exception {
        RunRecord trained = firstRun();
        RunRecord eval = runner.submit(EvalSpec.builder().model(trained.id()).dataset("samples").split("test")
                .device("cpu").threads(2).build()).await();
        assertThat(eval.status()).as(String.valueOf(eval.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(eval.summary().get(MetricKeys.TEST_ACCURACY))
                .isCloseTo(trained.summary().get(MetricKeys.TEST_ACCURACY), within(1e-9));
        assertThat(eval.summary().get(MetricKeys.TEST_LOSS))
                .isCloseTo(trained.summary().get(MetricKeys.TEST_LOSS), within(1e-5));
    }

    @Test
    void aCancelledRunEndsCancelledAndKeepsACheckpoint() throws Exception {
        CountDownLatch stepped = new CountDownLatch(1);
        AutoCloseable watch = bus.subscribe("contract-cancel", e -> {
            if (e instanceof RunEvent.Progress p && p.phase().startsWith("epoch")) {
                stepped.countDown();
            }
        });
        try {
            RunHandle h = runner.submit(spec(12).toBuilder().epochs(50).build());
            assertThat(stepped.await(120, TimeUnit.SECONDS)).as("a training step within 2 minutes").isTrue();
            h.cancel();
            RunRecord r = h.await();
            assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
            Path checkpoint = store.resolveDir(r.id()).resolve("model").resolve("checkpoint.json");
            assertThat(checkpoint).exists();
            assertThat(Files.readString(checkpoint)).contains("\"method\" : \"" + method() + "\"");
        } finally {
            watch.close();
        }
    }

    @Test
    void anUnknownOptionIsBadInputBeforeARunExists() throws Exception {
        TrainSpec bad = spec(13).toBuilder().options(Map.of("no_such_option", "1")).build();
        List<SpecProblem> problems = JobFactory.problemsOf(bad, JobEnvironment.of(store));
        assertThat(problems).extracting(SpecProblem::field).containsExactly("options.no_such_option");
        long before = store.list().size();
        assertThatThrownBy(() -> runner.submit(bad)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("no_such_option");
        assertThat(store.list()).hasSize((int) before);
    }

    private List<String> lines(RunRecord r) {
        try {
            return Files.readAllLines(store.resolveDir(r.id()).resolve("metrics.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Metric lines without wall time and throughput: what the seed decides. */
    private static List<String> learned(List<String> lines) {
        return lines.stream().filter(l -> !l.contains("samples_per_second"))
                .map(l -> l.replaceAll("\"t\":[0-9.eE-]+,", "")).toList();
    }
}
