package dev.joulebench.core.event;

/** Where a job sends its events. Implementations must return quickly and never throw at the job. */
@FunctionalInterface
public interface EventSink {
    void emit(RunEvent event);
}
