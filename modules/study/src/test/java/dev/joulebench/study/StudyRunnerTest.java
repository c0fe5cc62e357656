package dev.joulebench.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Json;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study loop end to end on the real run store and job runner, with a job standing in for training: its
 * per-epoch validation accuracy is a known function of the learning rate, and after each epoch it waits until the
 * study has judged that epoch, so pruning decisions are the same on every machine.
 */
class StudyRunnerTest {
    static final int EPOCHS = 4;

    @TempDir
    Path workspace;

    EventBus bus;
    JobRunner runner;
    RunStore runs;
    final Set<String> judged = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void setUp() {
        bus = new EventBus();
        runs = new RunStore(workspace);
        runner = new JobRunner(runs, bus, MonotonicClock.system(), new ProvenanceCollector(List.of()));
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    /** Accuracy of a learning rate: best at 1e-2, falling off by a quarter per decade. */
    static double accuracy(double lr) {
        return 1 - Math.abs(Math.log10(lr) + 2) / 4;
    }

    Job fakeTraining(TrainSpec spec) {
        return ctx -> {
            double best = 0;
            for (int e = 0; e < EPOCHS; e++) {
                double v = accuracy(spec.learningRate()) * (e + 1) / EPOCHS;
                best = Math.max(best, v);
                ctx.metric(e + 1L, e, "val/accuracy", v);
                String key = ctx.runId() + "@" + e;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!judged.contains(key) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                ctx.cancellation().throwIfCancelled();
            }
            return new JobResult(Map.of("val/best_accuracy", best, "energy/kwh", 1e-6 * spec.batchSize()));
        };
    }

    StudySpec spec(int trials, String pruner) {
        ObjectNode base = (ObjectNode) Json.mapper().valueToTree(TrainSpec.builder().method("bp").dataset("samples")
                .model("mlp:784-${width}-10").epochs(EPOCHS).seed(1L).device("cpu").build());
        return new StudySpec("lr-width", base, List.of(Parameter.ofFloat("lr", 1e-4, 1.0, true, "learningRate"),
                Parameter.ofInt("width", 16, 256, 16, null), Parameter.ofInt("batch", 32, 256, 32, "batchSize")),
                null, "tpe", 5, null, pruner, null, null, null, null, trials, null, null, 3L);
    }

    StudyRecord run(StudyDirectory dir) throws InterruptedException {
        StudyListener judge = new StudyListener() {
            @Override
            public void trialReported(Trial t) {
                judged.add(t.runId() + "@" + t.lastStep());
            }
        };
        try (LocalExecutor executor = new LocalExecutor(spec -> runner.submit(spec, fakeTraining((TrainSpec) spec)), bus,
                1, "val/accuracy")) {
            return new StudyRunner(dir, runs, executor, MonotonicClock.system(), judge).run();
        }
    }

    @Test
    void runsTheBudgetPrunesBelowTheMedianAndRecordsEveryTrialsRun() throws Exception {
        StudyDirectory dir = new StudyStore(workspace).create(spec(14, "median"), "local", Instant.now());
        StudyRecord end = run(dir);

        assertThat(end.status()).isEqualTo(StudyRecord.FINISHED);
        assertThat(end.stopReason()).contains("trial budget");
        List<Trial> trials = dir.trials();
        assertThat(trials).hasSize(14).allSatisfy(t -> assertThat(t.state().ended()).isTrue());
        assertThat(trials).extracting(Trial::state).contains(TrialState.PRUNED).doesNotContain(TrialState.FAILED);
        for (Trial t : trials) {
            RunStatus status = runs.load(t.runId()).status();
            assertThat(status).isEqualTo(t.state() == TrialState.PRUNED ? RunStatus.PRUNED : RunStatus.FINISHED);
            assertThat(t.intermediate()).isNotEmpty();
            double lr = ((Number) t.params().get("lr")).doubleValue();
            if (t.state() == TrialState.FINISHED) {
                assertThat(t.values()).containsExactly(accuracy(lr));
                assertThat(t.intermediate()).hasSize(EPOCHS);
            } else {
                assertThat(t.intermediate().size()).isLessThan(EPOCHS);
            }
            JsonNode trialSpec = Json.mapper().readTree(dir.path().resolve("trials/" + t.number() + ".json").toFile());
            assertThat(trialSpec.get("model").asText()).isEqualTo("mlp:784-" + t.params().get("width") + "-10");
            assertThat(trialSpec.get("batchSize").asLong()).isEqualTo(((Number) t.params().get("batch")).longValue());
            assertThat(trialSpec.get("learningRate").asDouble()).isEqualTo(lr);
        }
        // nothing prunes before five trials finished (Optuna's n_startup_trials)
        assertThat(trials.subList(0, 5)).extracting(Trial::state).containsOnly(TrialState.FINISHED);
    }

    @Test
    void theSameSeedGivesTheSameTrials() throws Exception {
        StudyStore store = new StudyStore(workspace);
        StudyDirectory a = store.create(spec(9, "median"), "local", Instant.now());
        run(a);
        StudyDirectory b = store.create(spec(9, "median"), "local", Instant.now());
        run(b);
        assertThat(b.trials()).extracting(Trial::params).isEqualTo(a.trials().stream().map(Trial::params).toList());
        assertThat(b.trials()).extracting(Trial::state).isEqualTo(a.trials().stream().map(Trial::state).toList());
    }

    @Test
    void resumeAfterACrashKeepsFinishedTrialsRepeatsNoneAndFailsTheInterruptedOne() throws Exception {
        StudyStore store = new StudyStore(workspace);
        StudyDirectory dir = store.create(spec(6, "none"), "local", Instant.now());
        run(dir);
        List<Trial> done = dir.trials();
        // the state a crash leaves: trial 4's run finished but the study had not recorded it, trial 5's run was
        // killed mid-way (run.json says running, its process is gone), the study says running
        List<Trial> crashed = new ArrayList<>(done.subList(0, 4));
        crashed.add(Trial.queued(4, done.get(4).params()).running(done.get(4).runId()));
        crashed.add(Trial.queued(5, done.get(5).params()).running(done.get(5).runId()));
        dir.write(crashed);
        Path runJson = runs.resolveDir(done.get(5).runId()).resolve("run.json");
        ObjectNode killed = (ObjectNode) Json.mapper().readTree(runJson.toFile());
        killed.put("status", "running").put("pid", 999_999_999L);
        Files.writeString(runJson, Json.write(killed));
        StudyRecord r = dir.record();
        dir.write(r.with(StudyRecord.RUNNING, null, Instant.now().toString(), r.seconds()));
        int runsBefore = runs.list().size();

        ObjectNode bigger = (ObjectNode) Json.mapper().readTree(dir.path().resolve("study.json").toFile());
        ((ObjectNode) bigger.get("spec")).put("trials", 9);
        Files.writeString(dir.path().resolve("study.json"), Json.write(bigger));
        StudyRecord end = run(dir);

        List<Trial> after = dir.trials();
        assertThat(end.status()).isEqualTo(StudyRecord.FINISHED);
        assertThat(after).hasSize(9);
        assertThat(after.subList(0, 4)).isEqualTo(done.subList(0, 4));
        assertThat(after.get(4).state()).isEqualTo(TrialState.FINISHED);
        assertThat(after.get(4).values()).isEqualTo(done.get(4).values());
        assertThat(after.get(4).runId()).isEqualTo(done.get(4).runId());
        assertThat(after.get(5).state()).isEqualTo(TrialState.FAILED);
        assertThat(after.get(5).error()).contains("interrupted");
        assertThat(after).extracting(Trial::runId).doesNotHaveDuplicates();
        assertThat(runs.list()).hasSize(runsBefore + 3);
    }

    @Test
    void aSpecTheJobRefusesIsAFailedTrialAndTheStudyGoesOn() throws Exception {
        StudySpec s = spec(3, "none");
        ObjectNode base = ((ObjectNode) s.base()).put("epochs", "${batch}");
        StudySpec bad = new StudySpec(s.name(), base, List.of(Parameter.ofInt("batch", -3, -1, 1, "batchSize")),
                null, "random", null, null, "none", null, null, null, null, 3, null, null, 1L);
        StudyDirectory dir = new StudyStore(workspace).create(bad, "local", Instant.now());
        run(dir);
        assertThat(dir.trials()).hasSize(3).allSatisfy(t -> {
            assertThat(t.state()).isEqualTo(TrialState.FAILED);
            assertThat(t.error()).contains("refused").contains("batchSize");
        });
    }
}
