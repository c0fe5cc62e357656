package dev.joulebench.app.support;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.testkit.Jobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs recorded the way the CLI records them (JobRunner + RunStore): by the installed job of the spec's kind,
 * or by a job that finishes at once.
 */
public final class TestRuns {
    private TestRuns() {}

    /** Runs {@code spec} with the installed job of its kind, as `joulebench train` or `compress` records it. */
    public static RunRecord recorded(Path workspace, JobSpec spec) throws InterruptedException {
        try (EventBus bus = new EventBus()) {
            return new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                    ProvenanceCollector.fromServiceLoader()).submit(spec).await();
        }
    }

    public static RunRecord finished(Path workspace, String method, String dataset, Map<String, Double> summary)
            throws InterruptedException {
        try (EventBus bus = new EventBus()) {
            JobRunner runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                    new ProvenanceCollector(List.of()));
            TrainSpec spec = TrainSpec.of(method, dataset, "mlp:784-32-10");
            return runner.submit(spec, Jobs.finishing(summary)).await();
        }
    }
}
