package dev.joulebench.cli;

/**
 * The contract of DESIGN.md: 0 ok (a run pruned by its study included), 1 the job failed (or was cancelled), 2 bad
 * input; a signal ends the process
 * with the JVM's 128 + signal, which scripts and shells read as "interrupted".
 */
final class ExitCodes {
    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The JVM's own code after SIGINT (128 + 2): the shutdown hook cancelled the run, which ends cancelled. */
    static final int INTERRUPTED = 130;
    /** The JVM's own code after SIGTERM (128 + 15), likewise. */
    static final int TERMINATED = 143;

    private ExitCodes() {}
}
