package dev.joulebench.report.doc;

/** Monospaced text kept as written (the spec as JSON); long lines wrap, long blocks continue on the next page. */
public record Code(String text) implements Block {
}
