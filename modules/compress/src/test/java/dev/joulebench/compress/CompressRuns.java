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
        RunRecord r = run(new TrainSpec("bp", "samples", model, epochs, 64, "adam", null, null, null, 0.2, null,
                limitTrain, 42L, "cpu", 2, 0, null));
        if (r.status() != RunStatus.FINISHED) {
            throw new AssertionError("training failed: " + r.error());
        }
        return r.id();
    }

    static CompressSpec spec(String method, String model, Integer chi, Double target, List<String> layers, int heal) {
        return new CompressSpec(method, model, "samples", chi, null, target, layers, heal, 64, 42L, "cpu", 2);
    }

    Path runDir(RunRecord r) {
        return store.resolveDir(r.id());
    }
}
