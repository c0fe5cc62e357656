package dev.joulebench.study;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a trial is: sampled and waiting, running, or ended one of three ways. */
public enum TrialState {
    QUEUED, RUNNING, FINISHED, PRUNED, FAILED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == FINISHED || this == PRUNED || this == FAILED;
    }
}
