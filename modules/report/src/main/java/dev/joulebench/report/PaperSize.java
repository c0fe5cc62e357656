package dev.joulebench.report;

import dev.joulebench.core.BadInputException;
import java.util.Locale;

/** The page sizes a report is set on, in PDF points (1/72 inch). */
public enum PaperSize {
    A4(595.28f, 841.89f),
    LETTER(612f, 792f);

    private final float width;
    private final float height;

    PaperSize(float width, float height) {
        this.width = width;
        this.height = height;
    }

    public float width() {
        return width;
    }

    public float height() {
        return height;
    }

    /** {@code a4} or {@code letter} (any case); anything else is bad input saying what is accepted. */
    public static PaperSize parse(String name) {
        if (name != null) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "a4":
                    return A4;
                case "letter", "us-letter", "usletter":
                    return LETTER;
                default:
                    break;
            }
        }
        throw new BadInputException("--paper " + name + ": give a4 or letter");
    }
}
