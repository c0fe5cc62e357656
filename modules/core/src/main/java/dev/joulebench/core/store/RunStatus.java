package dev.joulebench.core.store;

import com.fasterxml.jackson.annotation.JsonValue;

public enum RunStatus {
    RUNNING, FINISHED, FAILED, CANCELLED,
    /** Stopped early by a study's pruner (its intermediate results were below the other trials'); keeps what it recorded. */
    PRUNED,
    /** Shown for a run still marked running whose process is gone (killed); never written. */
    INTERRUPTED;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean ended() {
        return this != RUNNING;
    }
}
