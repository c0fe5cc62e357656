package dev.joulebench.report.spi;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.core.store.FileErrors;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.report.ReportProgress;
import dev.joulebench.report.ReportRequest;
import dev.joulebench.report.ReportResult;
import dev.joulebench.report.ReportWriter;
import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.content.ComparisonReportContent;
import dev.joulebench.report.content.RunReportContent;
import dev.joulebench.report.content.StudyReportContent;
import dev.joulebench.report.data.ComparisonStore;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.data.RunReader;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The PDF report writer: reads the runs, builds the content, lays it out with PDFBox and writes it atomically. */
public final class PdfReportWriter implements ReportWriter {
    private final RunStore store;
    private final ComparisonStore comparisons;
    private final StudyStore studies;
    private final FontFiles fonts;
    private final Clock clock;
    private final String creator;

    public PdfReportWriter(Path workspace) {
        this(new RunStore(workspace), new ComparisonStore(workspace), new FontFiles(), Clock.systemUTC(),
                "Joulebench " + dev.joulebench.core.provenance.ProvenanceCollector.joulebenchVersion());
    }

    public PdfReportWriter(RunStore store, ComparisonStore comparisons, FontFiles fonts, Clock clock, String creator) {
        this.store = store;
        this.comparisons = comparisons;
        this.studies = new StudyStore(store.workspace());
        this.fonts = fonts;
        this.clock = clock;
        this.creator = creator;
    }

    @Override
    public ReportResult write(ReportRequest request, Path out, ReportProgress progress) {
        Content c = content(request, progress);
        Instant now = clock.instant();
        PdfRenderer renderer = new PdfRenderer(fonts, creator);
        int[] pages = new int[1];
        try {
            AtomicFiles.write(out, stream -> pages[0] = renderer.render(c.doc(), request.paper(), now, stream,
                    (what, f) -> progress.update(what, 0.4 + 0.55 * f)));
            progress.update("written", 1);
            return new ReportResult(out, c.kind(), c.runIds(), pages[0], Files.size(out));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(FileErrors.describe(e), e);
        }
    }

    /** The report's charts as PNG and SVG files in {@code dir} (the same drawings as the PDF's). */
    @Override
    public List<Path> writeCharts(ReportRequest request, Path dir) {
        try {
            return new ChartFiles().writeAll(content(request, ReportProgress.NONE).doc(), dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(FileErrors.describe(e), e);
        }
    }

    /** A report's content before layout, with what it covers. */
    private record Content(ReportDocument doc, String kind, List<String> runIds) {}

    private Content content(ReportRequest request, ReportProgress progress) {
        Optional<StudyDirectory> study = study(request.ids());
        if (study.isPresent()) {
            return studyContent(study.get(), request, progress);
        }
        ReportSubjects subjects = ReportSubjects.resolve(request.ids(), store, comparisons);
        if (subjects.runIds().isEmpty()) {
            throw new BadInputException("The comparison " + subjects.comparisons().get(0).id() + " lists no runs");
        }
        RunReader reader = new RunReader(store);
        List<RunData> runs = new ArrayList<>();
        for (String id : subjects.runIds()) {
            progress.update("reading " + id, 0.4 * runs.size() / subjects.runIds().size());
            runs.add(reader.read(id));
        }
        ChartStyle style = new ChartStyle(fonts.awtRegular(), fonts.awtBold());
        boolean single = runs.size() == 1 && subjects.comparisons().isEmpty();
        ReportDocument doc = single ? new RunReportContent(style).build(runs.get(0), request.title())
                : new ComparisonReportContent(style).build(runs, subjects.comparisons(), request.title());
        return new Content(doc, single ? "run" : "comparison", runs.stream().map(RunData::id).toList());
    }

    /** The study one id names (a study id or a unique part of it that names no run), or empty. */
    private Optional<StudyDirectory> study(List<String> ids) {
        for (String id : ids) {
            StudyDirectory d;
            try {
                d = studies.load(id);
            } catch (BadInputException none) {
                continue;
            }
            boolean isRun = true;
            try {
                store.load(id);
            } catch (BadInputException notARun) {
                isRun = false;
            }
            if (!isRun || id.contains("-study-")) {
                if (ids.size() > 1) {
                    throw new BadInputException("'" + id + "' is a study; a study is reported on its own: "
                            + "joulebench report " + d.id());
                }
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** A study's report: its trials and the comparison of every trial run that can be read. */
    private Content studyContent(StudyDirectory dir, ReportRequest request, ReportProgress progress) {
        StudyRecord record = dir.record();
        List<Trial> trials = dir.trials();
        RunReader reader = new RunReader(store);
        List<RunData> runs = new ArrayList<>();
        List<Trial> withRuns = trials.stream().filter(t -> t.runId() != null).toList();
        for (Trial t : withRuns) {
            progress.update("reading trial " + t.number(), 0.4 * runs.size() / Math.max(1, withRuns.size()));
            try {
                runs.add(reader.read(t.runId()));
            } catch (BadInputException gone) {
                // a trial whose run folder was deleted stays in the trials table; its run is left out
            }
        }
        ChartStyle style = new ChartStyle(fonts.awtRegular(), fonts.awtBold());
        ReportDocument doc = new StudyReportContent(style).build(record, trials, runs,
                request.title());
        return new Content(doc, "study", runs.stream().map(RunData::id).toList());
    }
}
