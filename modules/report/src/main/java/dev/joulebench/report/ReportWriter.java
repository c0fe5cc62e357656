package dev.joulebench.report;

import java.nio.file.Path;

/**
 * Writes a report of recorded runs to a file, atomically (a reader or a crash never sees half a PDF). Ids that name
 * no run or comparison are bad input naming them, before anything is written.
 */
public interface ReportWriter {
    ReportResult write(ReportRequest request, Path out, ReportProgress progress);

    default ReportResult write(ReportRequest request, Path out) {
        return write(request, out, ReportProgress.NONE);
    }

    /**
     * The report's charts as separate files (PNG and SVG) in {@code dir}; a writer whose reports have no separate
     * chart files writes none.
     *
     * @return the files written
     */
    default java.util.List<Path> writeCharts(ReportRequest request, Path dir) {
        return java.util.List.of();
    }
}
