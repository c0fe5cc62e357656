package dev.joulebench.train;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs jobs through the same runner the CLI uses, in a test workspace. */
final class TrainingRuns {
    final RunStore store;
    final EventBus bus = new EventBus();
    final JobRunner runner;

    TrainingRuns(Path workspace) {
        store = new RunStore(workspace);
        runner = new JobRunner(store, bus, MonotonicClock.system(), ProvenanceCollector.fromServiceLoader());
    }

    RunRecord run(JobSpec spec) throws InterruptedException {
        RunHandle h = runner.submit(spec);
        return h.await();
    }

    static TrainSpec samples(String model, int epochs, int limitTrain, long seed) {
        return TrainSpec.builder().method("bp").dataset("samples").model(model).epochs(epochs).batchSize(64).optimizer("adam").validationFraction(0.2).limitTrain(limitTrain).seed(seed).device("cpu").threads(2).build();
    }

    List<String> metricLines(RunRecord r) {
        try {
            return Files.readAllLines(store.resolveDir(r.id()).resolve("metrics.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
