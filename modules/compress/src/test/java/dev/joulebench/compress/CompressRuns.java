package dev.joulebench.compress;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;

/** Runs train and compress jobs through the runner the CLI uses, in a test workspace. */
final class CompressRuns {
    final RunStore store;
    final EventBus bus = new EventBus();
    final JobRunner runner;

    CompressRuns(Path workspace) {
        store = new RunStore(workspace);
        runner = new JobRunner(store, bus, MonotonicClock.system(), ProvenanceCollector.fromServiceLoader());
    }

    RunRecord run(JobSpec spec) throws InterruptedException {
        RunHandle h = runner.submit(spec);
        return h.await();
    }

    /** A finished backprop run on the samples subset; returns its id. */
    String trainSamples(String model, int epochs, int limitTrain) throws InterruptedException {
        RunRecord r = run(TrainSpec.builder().method("bp").dataset("samples").model(model).epochs(epochs).batchSize(64).optimizer("adam").validationFraction(0.2).limitTrain(limitTrain).seed(42L).device("cpu").threads(2).spectraEvery(0).build());
        if (r.status() != RunStatus.FINISHED) {
            throw new AssertionError("training failed: " + r.error());
        }
        return r.id();
    }

    static CompressSpec spec(String method, String model, Integer chi, Double target, List<String> layers, int heal) {
        return CompressSpec.builder().method(method).model(model).dataset("samples").chi(chi).targetParams(target).layers(layers).healEpochs(heal).batchSize(64).seed(42L).device("cpu").threads(2).build();
    }

    Path runDir(RunRecord r) {
        return store.resolveDir(r.id());
    }
}
