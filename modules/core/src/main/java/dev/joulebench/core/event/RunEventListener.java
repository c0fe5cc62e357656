package dev.joulebench.core.event;

/** Receives events on its own dispatch thread, in the order they were emitted. */
@FunctionalInterface
public interface RunEventListener {
    void onEvent(RunEvent event);
}
