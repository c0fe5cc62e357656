package dev.joulebench.core.store;

import com.fasterxml.jackson.annotation.JsonValue;

public enum RunStatus {
    RUNNING, FINISHED, FAILED, CANCELLED,
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
