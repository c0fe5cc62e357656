package dev.joulebench.core;

import dev.joulebench.core.store.RunRecord;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A submitted run: its id and directory at once, its final record when it ends. */
public final class RunHandle {
    private final String runId;
    private final Path runDir;
    private final CancellationToken cancellation;
    private final CompletableFuture<RunRecord> completion;

    RunHandle(String runId, Path runDir, CancellationToken cancellation, CompletableFuture<RunRecord> completion) {
        this.runId = runId;
        this.runDir = runDir;
        this.cancellation = cancellation;
        this.completion = completion;
    }

    public String runId() {
        return runId;
    }

    public Path runDir() {
        return runDir;
    }

    /** Asks the job to stop at its next check; the run ends as cancelled and keeps what it recorded. */
    public void cancel() {
        cancellation.cancel();
    }

    /** As {@link #cancel()}, for a study's pruner: the run ends as pruned and keeps what it recorded. */
    public void prune() {
        cancellation.prune();
    }

    public CompletableFuture<RunRecord> completion() {
        return completion;
    }

    /** Waits for the run to end; never throws for a failed job (the record says failed). */
    public RunRecord await() throws InterruptedException {
        try {
            return completion.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the end of run " + runId + " could not be recorded in its run.json: "
                    + dev.joulebench.core.store.FileErrors.describe(e.getCause()), e.getCause());
        }
    }
}
