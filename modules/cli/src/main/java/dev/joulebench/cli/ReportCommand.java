package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.report.PaperSize;
import dev.joulebench.report.ReportRequest;
import dev.joulebench.report.ReportResult;
import dev.joulebench.report.spi.PdfReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = "Write a PDF report (PDF/A-2b, vector charts, fonts embedded) of a run, or of several runs or a "
            + "comparison side by side, or of a study (its trials, optimisation history, parameter importance, "
            + "parallel coordinates, Pareto set, then its runs compared): energy per source (measured or estimated), footprint and its assumptions, "
            + "curves, spectra, compression tables, provenance with the spec, and a ready \"how to report this\" text.",
        footer = {"", "Examples:",
            "  joulebench report 3f2a                           one run -> <workspace>/reports/<run-id>.pdf",
            "  joulebench report cmp-20250101-120000-1a2b --paper letter --out cmp.pdf",
            "  joulebench report 3f2a 9c1d 77e0 --title \"Lab 3: MPO vs low rank\"",
            "  joulebench report 3f2a --charts figures/         the charts also as PNG and SVG files",
            "  joulebench report 20261202-054020-study-mlp-tpe-20cc     a study (see joulebench study list)"})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN|COMPARISON|STUDY",
            description = "Run ids (or a unique prefix, or the last 4 hex digits) and/or comparison ids (cmp-...). One run "
                    + "gives a run report; several, or a comparison, a comparison report; a study id (on its own) a "
                    + "study report.")
    List<String> ids;

    @Option(names = "--out", paramLabel = "FILE.pdf",
            description = "Where to write (default <workspace>/reports/<id>.pdf; a folder gets that name inside it). "
                    + "The file is replaced atomically.")
    Path out;

    @Option(names = "--paper", paramLabel = "a4|letter", defaultValue = "a4", description = "Page size (default a4).")
    String paper;

    @Option(names = "--title", paramLabel = "T", description = "Title on the first page, in the footers and the "
            + "PDF's metadata (default: what the report covers).")
    String title;

    @Option(names = "--charts", paramLabel = "DIR", description = "Also write every chart of the report as PNG "
            + "(for slides) and SVG (vectors, for papers) into DIR, named NN-chart.png/.svg.")
    Path charts;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        PaperSize size = PaperSize.parse(paper);
        Path workspace = common.workspace();
        String name = defaultName(ids);
        Path target;
        if (out == null) {
            Path reports = workspace.resolve("reports");
            Files.createDirectories(reports);
            target = reports.resolve(name);
        } else {
            target = OutputFiles.target("--out", out, name);
        }
        if (charts != null && Files.exists(charts) && !Files.isDirectory(charts)) {
            throw new dev.joulebench.core.BadInputException("--charts " + charts + " is a file; give a folder "
                    + "(it is made if missing)");
        }
        PdfReportWriter writer = new PdfReportWriter(workspace);
        ReportRequest request = new ReportRequest(ids, size, title);
        ReportResult r = writer.write(request, target);
        List<Path> chartFiles = charts == null ? List.of() : writer.writeCharts(request, charts);
        if (common.json) {
            System.out.println(Json.write(java.util.Map.of("report", r, "charts", chartFiles.stream()
                    .map(Path::toString).toList())));
        } else {
            System.out.printf(Locale.ROOT, "report %s: %s, %d run%s, %d page%s, %.0f kB (%s)%n", r.kind(),
                    r.file().toAbsolutePath(), r.runIds().size(), r.runIds().size() == 1 ? "" : "s", r.pages(),
                    r.pages() == 1 ? "" : "s", r.bytes() / 1024.0, size.name().toLowerCase(Locale.ROOT));
            if (!chartFiles.isEmpty()) {
                System.out.printf(Locale.ROOT, "charts: %d PNG and SVG files in %s%n", chartFiles.size(),
                        charts.toAbsolutePath());
            }
        }
        return ExitCodes.OK;
    }

    /** The first id as given, with how many more, as a file name. */
    static String defaultName(List<String> ids) {
        String first = ids.get(0).replaceAll("[^A-Za-z0-9._-]", "_");
        return first + (ids.size() > 1 ? "-and-" + (ids.size() - 1) + "-more" : "") + ".pdf";
    }
}
