package dev.joulebench.report.doc;

/** Running text, wrapped to the page width. */
public record Paragraph(String text, Style style) implements Block {
    /** How a paragraph is set. */
    public enum Style {
        BODY,
        /** Smaller grey text: captions, notes, sources. */
        NOTE,
        /** A boxed notice: a failed or cancelled run, estimated energy. */
        WARNING,
        /** A boxed paragraph meant to be copied (the "how to report this" text). */
        QUOTE
    }

    public static Paragraph body(String text) {
        return new Paragraph(text, Style.BODY);
    }

    public static Paragraph note(String text) {
        return new Paragraph(text, Style.NOTE);
    }

    public static Paragraph warning(String text) {
        return new Paragraph(text, Style.WARNING);
    }
}
