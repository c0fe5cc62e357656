package dev.joulebench.cli;

/** The contract of DESIGN.md: 0 ok, 1 the job failed (or was cancelled), 2 bad input. */
final class ExitCodes {
    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
