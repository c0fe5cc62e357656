package dev.joulebench.report.doc;

/** Starts the next block on a new page. */
public record PageBreak() implements Block {
}
