package dev.joulebench.report;

import java.nio.file.Path;
import java.util.List;

/**
 * A report written.
 *
 * @param runIds the runs it covers, in report order
 * @param kind   "run" or "comparison"
 */
public record ReportResult(Path file, String kind, List<String> runIds, int pages, long bytes) {
    public ReportResult {
        runIds = List.copyOf(runIds);
    }
}
