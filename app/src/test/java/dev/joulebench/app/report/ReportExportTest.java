package dev.joulebench.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.report.PaperSize;
import dev.joulebench.report.ReportResult;
import dev.joulebench.report.ReportWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The export's progress and outcome, with the io work on its own thread and "FX" updates run in order. */
class ReportExportTest {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final ExecutorService fx = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        io.shutdownNow();
        fx.shutdownNow();
    }

    private void drainFx() throws Exception {
        fx.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void progressReachesOneOffTheCallingThreadAndTheMessageNamesTheFile() throws Exception {
        List<String> threads = new ArrayList<>();
        List<Double> seen = new ArrayList<>();
        ReportWriter fake = (request, out, progress) -> {
            threads.add(Thread.currentThread().getName());
            progress.update("reading a", 0.2);
            progress.update("layout", 0.7);
            return new ReportResult(out, "comparison", request.ids(), 4, 12_345);
        };
        ReportExport export = new ReportExport(io, fx, ws -> fake);
        export.progressProperty().addListener((o, a, b) -> seen.add(b.doubleValue()));
        ReportResult r = fx.submit(() -> export.export(Path.of("/ws"), List.of("a", "b"), Path.of("/tmp/r.pdf"),
                PaperSize.LETTER, null)).get().get(5, TimeUnit.SECONDS);
        drainFx();
        assertThat(r.pages()).isEqualTo(4);
        assertThat(threads).doesNotContain(Thread.currentThread().getName());
        assertThat(seen).contains(0.2, 0.7, 1.0);
        assertThat(export.runningProperty().get()).isFalse();
        assertThat(export.messageProperty().get()).isEqualTo("Written: r.pdf (4 pages)");
    }

    @Test
    void theRealWriterReportsARunThatHasOnlyItsRunJson(@org.junit.jupiter.api.io.TempDir Path ws) throws Exception {
        String id = "20260101-000000-train-bp-0a0b";
        java.nio.file.Files.createDirectories(ws.resolve("runs").resolve(id));
        dev.joulebench.core.spec.TrainSpec spec = dev.joulebench.core.spec.TrainSpec.builder().method("bp")
                .dataset("samples").model("mlp:784-16-10").epochs(1).build();
        var record = new dev.joulebench.core.store.RunRecord(id, "train", "bp",
                dev.joulebench.core.store.RunStatus.FAILED, "2026-01-01T00:00:00Z", "2026-01-01T00:00:05Z", 5.0, null,
                spec, null, "killed by a test", java.util.Map.of("test/accuracy", 0.5));
        java.nio.file.Files.writeString(ws.resolve("runs").resolve(id).resolve("run.json"),
                dev.joulebench.core.Json.write(record));
        ReportExport export = new ReportExport(io, fx, dev.joulebench.report.spi.PdfReportWriter::new);
        Path out = ws.resolve("r.pdf");
        ReportResult r = fx.submit(() -> export.export(ws, List.of("0a0b"), out, PaperSize.A4, "From the app"))
                .get().get(60, TimeUnit.SECONDS);
        drainFx();
        assertThat(r.file()).exists();
        assertThat(r.kind()).isEqualTo("run");
        assertThat(r.pages()).isGreaterThan(1);
        assertThat(export.progressProperty().get()).isEqualTo(1.0);

        Path charts = ReportExportAction.chartsDir(out);
        assertThat(charts.getFileName().toString()).isEqualTo("r-charts");
        List<Path> files = fx.submit(() -> export.exportCharts(ws, List.of("0a0b"), charts, PaperSize.A4)).get()
                .get(60, TimeUnit.SECONDS);
        drainFx();
        // a run with only run.json has no curves or power: no charts, and the message says how many
        assertThat(files).isEmpty();
        assertThat(export.messageProperty().get()).startsWith("0 charts written");
    }

    @Test
    void aBadIdEndsWithItsOneLineMessage() throws Exception {
        ReportWriter failing = (request, out, progress) -> {
            throw new BadInputException("No run 'zz' in /ws/runs");
        };
        ReportExport export = new ReportExport(io, fx, ws -> failing);
        var done = fx.submit(() -> export.export(Path.of("/ws"), List.of("zz"), Path.of("/tmp/r.pdf"), PaperSize.A4,
                null)).get();
        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BadInputException.class);
        drainFx();
        assertThat(export.messageProperty().get()).isEqualTo("Not written: No run 'zz' in /ws/runs");
        assertThat(export.runningProperty().get()).isFalse();
    }
}
