package dev.joulebench.report.doc;

/**
 * A piece of a report's content, laid out by a renderer onto pages. The content builders say what a report holds;
 * only the renderer knows about pages, fonts and PDF.
 */
public sealed interface Block permits Heading, Paragraph, Tiles, Table, Figure, Code, PageBreak {
}
