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
        /** The run's id; null while a cluster job has not started the run yet. */
        String id();

        /** The cluster job running the trial (recorded in the trial, for resume), or null on this machine. */
        default String jobId() {
            return null;
        }

        /**
         * Once {@link #ended()} completed: why the job around the run went wrong when the executor knows more than
         * the run's files (a cluster job refused by its node, out of time, or dead before its run began), else null.
         */
        default String failure() {
            return null;
        }

        /** Stops the run early for the pruner; it ends as pruned. */
        void prune();

        /** Stops the run; it ends as cancelled. */
        void cancel();

        /** Completes with the run's id when it ended, however it ended; with null when no run ever began. */
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
     * @throws TrialStartException if the trial's job cannot be started (a cluster refused it)
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
