package dev.joulebench.report.doc;

/** A section (level 1) or subsection (level 2) title; sections go into the outline and the table of contents. */
public record Heading(int level, String text) implements Block {
    public Heading {
        if (level < 1 || level > 2) {
            throw new IllegalArgumentException("heading level is 1 or 2, not " + level);
        }
    }
}
