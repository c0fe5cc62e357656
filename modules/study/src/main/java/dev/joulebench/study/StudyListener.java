package dev.joulebench.study;

/** What a running study tells its caller (the CLI prints it, the app shows it); called on the study's thread. */
public interface StudyListener {
    StudyListener NONE = new StudyListener() { };

    default void trialStarted(Trial trial) {
    }

    /** A running trial reported an intermediate value (after the pruner judged it). */
    default void trialReported(Trial trial) {
    }

    default void trialPruned(Trial trial) {
    }

    /** A trial ended (finished, pruned or failed); {@code best} is the best finished trial so far, or null. */
    default void trialEnded(Trial trial, Trial best) {
    }

    default void message(String line) {
    }
}
