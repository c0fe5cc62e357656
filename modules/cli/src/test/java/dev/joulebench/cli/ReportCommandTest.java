package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code joulebench report} on runs trained here with energy measured, in process. */
class ReportCommandTest {
    @TempDir
    static Path workspace;
    static String comparison;
    static String bp;

    @BeforeAll
    static void compareTwoMethods() throws IOException {
        Result r = InProcessCli.run(workspace, "compare", "--methods", "bp,mf", "--dataset", "samples", "--model",
                "mlp:784-16", "--epochs", "1", "--limit-train", "600", "--device", "cpu", "--threads", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        comparison = doc.get("id").asText();
        bp = doc.get("table").get(0).get("run").asText();
    }

    private static String text(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void aRunByItsLastFourHexDigitsGoesToTheWorkspacesReports() throws IOException {
        String suffix = bp.substring(bp.length() - 4);
        Result r = InProcessCli.run(workspace, "report", suffix);
        assertThat(r.code()).as(r.err()).isZero();
        Path pdf = workspace.resolve("reports").resolve(suffix + ".pdf");
        assertThat(r.out()).contains("report run", pdf.toString(), "pages");
        String text = text(pdf);
        assertThat(text).contains(bp, "kWh", "CO₂e", "estimated", "Assumptions", "How to report this");
    }

    @Test
    void aComparisonOnLetterWithATitleAndJson() throws IOException {
        Path out = workspace.resolve("cmp.pdf");
        Path charts = workspace.resolve("figures");
        Result r = InProcessCli.run(workspace, "report", comparison, "--paper", "letter", "--title", "Lab 2: bp vs mf",
                "--out", out.toString(), "--charts", charts.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode both = Json.mapper().readTree(r.out());
        JsonNode result = both.get("report");
        assertThat(both.get("charts").size()).isGreaterThanOrEqualTo(8);
        assertThat(charts.resolve("01-accuracy-vs-energy.svg")).exists();
        assertThat(Files.readString(charts.resolve("01-accuracy-vs-energy.svg"))).contains("<svg", "Pareto front");
        assertThat(charts.resolve("01-accuracy-vs-energy.png")).exists();
        assertThat(result.get("kind").asText()).isEqualTo("comparison");
        assertThat(result.get("runIds")).hasSize(2);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
            assertThat(doc.getNumberOfPages()).isEqualTo(result.get("pages").asInt());
            assertThat(new PDFTextStripper().getText(doc)).contains("Lab 2: bp vs mf", "Pareto front", "bp", "mf");
        }
        try (Stream<Path> files = Files.list(workspace)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        for (String[] args : new String[][] {
            {"report", "nosuchrun"},
            {"report", "cmp-nothing", bp},
            {"report", bp, "--paper", "a3"},
            {"report", bp, "--out", workspace.resolve("missing/dir/x.pdf").toString()}}) {
            Result r = InProcessCli.run(workspace, args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
        assertThat(InProcessCli.run(workspace, "report", "nosuchrun", "cmp-zzz").err())
                .contains("'nosuchrun'", "cmp-zzz");
        assertThat(InProcessCli.run(workspace, "report", bp, "--paper", "a3").err()).contains("a4 or letter");
    }
}
