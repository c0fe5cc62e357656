package dev.joulebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.report.spi.PdfReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a timed test: a 20-run comparison (the recorded runs copied with varied figures and seeds) written
 * three times; prints the time and the file size. Runs with {@code -Djoulebench.bench=report}; also writes every page
 * kind to {@code target/report-pages/} for looking at ({@code pdftoppm -png}).
 */
class ReportBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void twentyRunComparison() throws Exception {
        Assumptions.assumeTrue("report".equals(System.getProperty("joulebench.bench")),
                "benchmark: run with -Djoulebench.bench=report");
        Path ws = Fixtures.workspace(tmp.resolve("ws"));
        String[] bases = {Fixtures.TRAIN, Fixtures.TRAIN_WITH_ACTIVATIONS, "20261202-014240-train-bp-a0dd",
            "20261202-014241-train-mf-71bc"};
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = String.format(Locale.ROOT, "20261203-0100%02d-train-x-%04x", i, 0xb000 + i);
            double scale = 0.6 + random.nextDouble();
            int seed = i % 5;
            RunEdits.copy(ws, bases[i % bases.length], id, run -> {
                ((ObjectNode) run.get("spec")).put("seed", seed);
                ObjectNode s = (ObjectNode) run.get("summary");
                s.put("test/accuracy", s.get("test/accuracy").asDouble() * (0.97 + 0.06 * random.nextDouble()));
                s.put("energy/kwh", s.get("energy/kwh").asDouble() * scale);
                s.put("co2e/kg", s.get("co2e/kg").asDouble() * scale);
                ObjectNode e = (ObjectNode) run.get("reports").get("energy");
                e.put("it_energy_kwh", e.get("it_energy_kwh").asDouble() * scale);
                e.put("co2e_kg", e.get("co2e_kg").asDouble() * scale);
            });
            ids.add(id);
        }
        PdfReportWriter writer = new PdfReportWriter(ws);
        Path out = Path.of("target/report-pages");
        Files.createDirectories(out);
        Path pdf = out.resolve("study-20-runs.pdf");
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            ReportResult r = writer.write(new ReportRequest(ids, PaperSize.A4, "20-run study"), pdf);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "bench report: 20-run comparison round %d: %.2f s, %d pages, %.0f kB%n",
                    round, s, r.pages(), r.bytes() / 1024.0);
        }
        for (String id : List.of(Fixtures.TRAIN_WITH_ACTIVATIONS, Fixtures.COMPRESS, Fixtures.SENSITIVITY,
                Fixtures.COMPARISON)) {
            long t0 = System.nanoTime();
            ReportResult r = writer.write(new ReportRequest(List.of(id), PaperSize.A4, null), out.resolve(id + ".pdf"));
            System.out.printf(Locale.ROOT, "bench report: %s %s: %.2f s, %d pages, %.0f kB%n", r.kind(), id,
                    (System.nanoTime() - t0) / 1e9, r.pages(), r.bytes() / 1024.0);
        }
        assertThat(PdfChecks.pdfA2bFailures(pdf)).isEmpty();
    }
}
