package dev.joulebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.report.spi.PdfReportWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {
    @TempDir
    Path tmp;
    Path ws;
    PdfReportWriter writer;

    @BeforeEach
    void setUp() {
        ws = Fixtures.workspace(tmp.resolve("ws"));
        writer = new PdfReportWriter(ws);
    }

    @Test
    void aComparisonIdGivesItsRunsWithBestMarkedParetoDifferencesAndContents() throws Exception {
        Path out = tmp.resolve("cmp.pdf");
        ReportResult r = writer.write(new ReportRequest(List.of("a212"), PaperSize.LETTER, null), out);
        assertThat(r.kind()).isEqualTo("comparison");
        assertThat(r.runIds()).containsExactly("20261202-014240-train-bp-a0dd", "20261202-014241-train-mf-71bc");
        String text = PdfChecks.text(out);
        assertThat(text).contains("Contents", "Overview", "Runs", "Accuracy against energy", "Pareto front",
                "Energy per accuracy point", "Validation accuracy", "Training loss", "Differences between the specs",
                "method", "bp: #a0dd", "mf: #71bc", "How to report this", "Appendix: the runs", "#a0dd", "#71bc",
                "57.25 %", "57.50 %", "CO₂e", "kWh", "Best value of each column");
        assertThat(r.pages()).isEqualTo(PdfChecks.pages(out));
        assertThat(PdfChecks.fonts(out)).allMatch(f -> f.endsWith(" embedded"));
        assertThat(PdfChecks.pdfA2bFailures(out)).isEmpty();
    }

    @Test
    void repeatedRunsOfOneSpecAreSummarisedAsMeanAndSd() throws Exception {
        String base = "20261202-014240-train-bp-a0dd";
        RunEdits.copy(ws, base, "20261202-030000-train-bp-0002", run -> {
            ((ObjectNode) run.get("spec")).put("seed", 7);
            ((ObjectNode) run.get("summary")).put("test/accuracy", 0.5825);
        });
        RunEdits.copy(ws, base, "20261202-030001-train-bp-0003", run -> {
            ((ObjectNode) run.get("spec")).put("seed", 8);
            ((ObjectNode) run.get("summary")).put("test/accuracy", 0.5625);
            run.put("status", "failed");
        });
        Path out = tmp.resolve("rep.pdf");
        writer.write(new ReportRequest(List.of(base, "0002", "0003", "71bc"), PaperSize.A4, "Seeds"), out);
        String text = PdfChecks.text(out);
        // mean of 57.25 and 58.25 is 57.75, sample sd 0.71; the failed run is left out and said so
        assertThat(text).contains("Repeated runs", "57.75 ± 0.71 %", "#a0dd #0002", "seed", "1 of the runs did not "
                + "finish", "#0003 failed", "This run FAILED");
        assertThat(PdfChecks.pdfA2bFailures(out)).isEmpty();
    }
}
