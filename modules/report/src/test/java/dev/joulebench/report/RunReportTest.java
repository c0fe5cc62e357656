package dev.joulebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.report.content.Fmt;
import dev.joulebench.report.spi.PdfReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    @TempDir
    Path tmp;
    Path ws;
    PdfReportWriter writer;

    @BeforeEach
    void setUp() {
        ws = Fixtures.workspace(tmp.resolve("ws"));
        writer = new PdfReportWriter(ws);
    }

    private Path report(String id, PaperSize paper) {
        Path out = tmp.resolve(id + "-" + paper + ".pdf");
        ReportResult r = writer.write(new ReportRequest(List.of(id), paper, null), out);
        assertThat(r.file()).isEqualTo(out);
        assertThat(r.kind()).isEqualTo("run");
        return out;
    }

    @Test
    void aTrainingRunsReportHoldsItsFiguresAssumptionsAndSpec() throws Exception {
        Path pdf = report(Fixtures.TRAIN_WITH_ACTIVATIONS, PaperSize.A4);
        var run = Json.mapper().readTree(ws.resolve("runs").resolve(Fixtures.TRAIN_WITH_ACTIVATIONS)
                .resolve("run.json").toFile());
        String text = PdfChecks.text(pdf);
        int pages = PdfChecks.pages(pdf);
        assertThat(pages).isBetween(5, 12);
        assertThat(text).contains(Fixtures.TRAIN_WITH_ACTIVATIONS, "page 1 of " + pages, "page " + pages + " of " + pages)
                .contains(Fmt.percent(run.path("summary").path("test/accuracy").asDouble()))
                .contains(Fmt.kwh(run.path("summary").path("energy/kwh").asDouble()))
                .contains(Fmt.co2e(run.path("summary").path("co2e/kg").asDouble()), "CO₂e")
                // every energy figure with its source and method
                .contains("estimated (model)", "CPU load model TDP", "0.3725 W/GB")
                // the assumptions, with their sources
                .contains("Grid carbon intensity", "475.0 g CO₂e/kWh, World (WLD)", "PUE", "WUE", "EWIF",
                        "CodeCarbon 3.3.0 carbon_intensity_per_source.json")
                .contains("How to report this", "We trained mlp:784-64-10", "Climate-performance model card")
                // charts are text too (embedded font), so axis labels can be searched
                .contains("Power per source", "time since start (s)", "Cumulative energy", "validation", "λ")
                .contains("Weight spectra", "α", "Marchenko", "Activation spectra")
                .contains("\"model\" : \"mlp:784-64-10\"", "Provenance", "OpenJDK", "8333 train / 1667 validation");
    }

    @Test
    void everyFontIsEmbeddedAndEveryKindIsPdfA2b() throws Exception {
        for (String id : List.of(Fixtures.TRAIN_WITH_ACTIVATIONS, Fixtures.COMPRESS, Fixtures.SENSITIVITY,
                Fixtures.EVAL)) {
            Path pdf = report(id, PaperSize.A4);
            List<String> fonts = PdfChecks.fonts(pdf);
            assertThat(fonts).as(id).isNotEmpty().allMatch(f -> f.endsWith(" embedded"))
                    .allMatch(f -> f.contains("DejaVuSans"));
            assertThat(PdfChecks.pdfA2bFailures(pdf)).as(id).isEmpty();
        }
    }

    @Test
    void aCompressRunHasItsTablesAndASensitivityRunItsHeatMap() throws Exception {
        String compress = PdfChecks.text(report(Fixtures.COMPRESS, PaperSize.A4));
        assertThat(compress).contains("Compression (mpo)", "before", "compressed", "after", "test accuracy", "χ=4",
                "fc1", "784×16", "Healed 1 epoch", "energy per 1,000 inferences");
        String sensitivity = PdfChecks.text(report(Fixtures.SENSITIVITY, PaperSize.A4));
        assertThat(sensitivity).contains("Compression sensitivity", "χ=2", "χ=8", "dense model 71.03 %",
                "We profiled the compression sensitivity of mlp:784-16-10");
    }

    @Test
    void anEvalRunGivesTheEnergyPerSample() throws Exception {
        assertThat(PdfChecks.text(report(Fixtures.EVAL, PaperSize.A4))).contains("Evaluation run report", "We evaluated",
                "per sample (eval phase over 2,000 samples)", "72.95 %");
    }

    @Test
    void a4AndLetterPages() throws Exception {
        for (PaperSize paper : PaperSize.values()) {
            try (PDDocument doc = Loader.loadPDF(report(Fixtures.TRAIN, paper).toFile())) {
                var box = doc.getPage(0).getMediaBox();
                assertThat(box.getWidth()).isEqualTo(paper.width());
                assertThat(box.getHeight()).isEqualTo(paper.height());
            }
        }
        assertThat(PaperSize.parse("Letter")).isEqualTo(PaperSize.LETTER);
        assertThatThrownBy(() -> PaperSize.parse("a3")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a4 or letter");
    }

    @Test
    void aFailedRunSaysSoAndStillShowsWhatItRecorded() throws Exception {
        String id = "20261202-020000-train-bp-fa11";
        Path dir = RunEdits.copy(ws, Fixtures.TRAIN_WITH_ACTIVATIONS, id, run -> {
            run.put("status", "failed");
            run.put("error", "Out of memory in epoch 2 (batch 128)");
            run.remove("summary");
            ((ObjectNode) run.get("reports")).remove("energy");
        });
        // a killed writer's half line at the end of metrics.jsonl
        Files.writeString(dir.resolve("metrics.jsonl"), Files.readString(dir.resolve("metrics.jsonl"))
                + "{\"t\":30.1,\"step\":20", java.nio.charset.StandardCharsets.UTF_8);
        Path pdf = report(id, PaperSize.A4);
        String text = PdfChecks.text(pdf);
        assertThat(text).contains("This run FAILED", "Out of memory in epoch 2", "failed")
                .contains("Power per source", "Loss", "last validation")
                .contains("The run recorded no energy report", "replayed from power.csv", "kWh");
        assertThat(PdfChecks.pdfA2bFailures(pdf)).isEmpty();
        Path pages = Path.of("target/report-pages");
        Files.createDirectories(pages);
        Files.copy(pdf, pages.resolve("failed-run.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aMeasuredGpuCounterIsShownAsMeasuredBesideTheEstimatedSources() throws Exception {
        String id = "20261202-020000-train-bp-9b00";
        Path dir = RunEdits.copy(ws, Fixtures.TRAIN, id, run -> {
            ObjectNode energy = (ObjectNode) run.get("reports").get("energy");
            ObjectNode gpu = ((com.fasterxml.jackson.databind.node.ArrayNode) energy.get("sources")).addObject();
            gpu.put("id", "gpu0").put("kind", "gpu").put("method", "measured").put("how", "energy counter")
                    .put("description", "NVIDIA H200 total energy counter (NVML)").put("kwh", 2.0e-4)
                    .put("average_watts", 120.5).put("samples", 63).put("failed_reads", 0)
                    .put("unmeasured_seconds", 0.0);
            ((ObjectNode) run.get("summary")).put("energy/estimated_share", 0.12);
        });
        // power.csv gains the GPU's watts and its cumulative counter, as PowerCsv writes a counter source
        List<String> lines = Files.readAllLines(dir.resolve("power.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append(",gpu0_watts_measured,gpu0_joules_measured\n");
        for (int i = 1; i < lines.size(); i++) {
            double t = Double.parseDouble(lines.get(i).split(",")[0]);
            csv.append(lines.get(i)).append(String.format(java.util.Locale.ROOT, ",%.3f,%.3f%n", 120.5, 120.5 * t));
        }
        Files.writeString(dir.resolve("power.csv"), csv);
        Path pdf = report(id, PaperSize.A4);
        String text = PdfChecks.text(pdf);
        assertThat(text).contains("gpu0, measured (energy counter)", "gpu0, measured", "NVIDIA H200 total energy counter",
                "partly estimated (12 % of it)", "cpu, estimated (model)");
        assertThat(PdfChecks.pdfA2bFailures(pdf)).isEmpty();
        Path pages = Path.of("target/report-pages");
        Files.createDirectories(pages);
        Files.copy(pdf, pages.resolve("measured-gpu.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aCancelledRunSaysSo() throws Exception {
        String id = "20261202-020000-train-bp-cace";
        RunEdits.copy(ws, Fixtures.TRAIN, id, run -> run.put("status", "cancelled"));
        assertThat(PdfChecks.text(report(id, PaperSize.A4))).contains("This run was CANCELLED", "cover only that part");
    }

    @Test
    void badIdsAreNamedInOneLineAndNothingIsWritten() {
        Path out = tmp.resolve("x.pdf");
        assertThatThrownBy(() -> writer.write(new ReportRequest(List.of("nope", Fixtures.TRAIN, "cmp-nothing"),
                PaperSize.A4, null), out)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("cmp-nothing")
                .hasMessageNotContaining("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void theFileIsReplacedAtomicallyAndTheTitleIsUsed() throws Exception {
        Path out = tmp.resolve("r.pdf");
        Files.writeString(out, "old");
        writer.write(new ReportRequest(List.of("dd9b"), PaperSize.A4, "Lab 3: χ² ± λ — my run"), out);
        assertThat(PdfChecks.text(out)).contains("Lab 3: χ² ± λ — my run");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
