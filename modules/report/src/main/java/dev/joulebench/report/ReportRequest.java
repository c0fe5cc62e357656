package dev.joulebench.report;

import java.util.List;

/**
 * What to report: run ids and/or comparison ids (each an id, a unique prefix or a unique suffix), the paper and an
 * optional title. One run gives a run report; several runs or a comparison give a comparison report.
 *
 * @param title null or blank for the default title
 */
public record ReportRequest(List<String> ids, PaperSize paper, String title) {
    public ReportRequest {
        ids = List.copyOf(ids);
        paper = paper == null ? PaperSize.A4 : paper;
    }
}
