package dev.joulebench.study;

import dev.joulebench.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs trials: on this machine ({@link LocalExecutor}) or as cluster jobs. Each started trial is a run of the
 * workspace; the executor reports the run's per-epoch intermediate values while it runs and its end.
 */
public interface TrialExecutor extends AutoCloseable {
    /** Called with each intermediate value a trial's run reports (from any thread). */
    @FunctionalInterface
    interface IntermediateListener {
        void reported(int epoch, double value);
    }

    /** A started trial. */
    interface TrialRun {
        /** The run's id (local) or the cluster job's id until the run's id is known. */
        String id();

        /** Stops the run early for the pruner; it ends as pruned. */
        void prune();

        /** Stops the run; it ends as cancelled. */
        void cancel();

        /** Completes with the run's id when it ended, however it ended. */
        CompletableFuture<String> ended();
    }

    /** Short name recorded in study.json (local, slurm). */
    String name();

    /** How many trials run at once. */
    int parallel();

    /**
     * Starts trial {@code number}'s run.
     *
     * @param specFile the spec as written to the study folder (a cluster job runs it from there)
     * @throws dev.joulebench.core.spec.InvalidSpecException if the job's check refuses the spec
     */
    TrialRun start(int number, JobSpec spec, Path specFile, IntermediateListener listener);

    /**
     * A trial that was running when the study stopped, picked up again if its run still goes on (a cluster
     * job outlives the study process); empty when it cannot be (a local run ends with its process).
     */
    default Optional<TrialRun> reattach(Trial trial, IntermediateListener listener) {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
