package dev.joulebench.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an objective is to be made as large or as small as possible. */
public enum Direction {
    MAXIMIZE, MINIMIZE;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Direction of(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "maximize", "max" -> MAXIMIZE;
            case "minimize", "min" -> MINIMIZE;
            default -> throw new IllegalArgumentException("direction must be maximize or minimize, not '" + text + "'");
        };
    }

    /** The value as a loss: smaller is better in both directions. */
    public double loss(double value) {
        return this == MAXIMIZE ? -value : value;
    }
}
