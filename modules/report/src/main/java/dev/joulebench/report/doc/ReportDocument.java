package dev.joulebench.report.doc;

import java.util.List;

/**
 * A whole report before layout.
 *
 * @param title       on the first page, in the page footers and in the PDF's metadata
 * @param subtitle    under the title (what the report covers)
 * @param contents    whether to begin with a table of contents (studies and comparisons)
 * @param subject     the PDF's subject metadata
 */
public record ReportDocument(String title, String subtitle, boolean contents, String subject, List<Block> blocks) {
    public ReportDocument {
        blocks = List.copyOf(blocks);
    }
}
