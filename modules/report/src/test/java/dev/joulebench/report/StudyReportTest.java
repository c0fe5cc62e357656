package dev.joulebench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.report.spi.PdfReportWriter;
import dev.joulebench.study.Direction;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Parameter;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study's report from a study folder whose trials are copies of a recorded run with their own figures. */
class StudyReportTest {
    static final String BASE_RUN = "20261202-014240-train-bp-a0dd";
    static final double[] LR = {1e-4, 3e-3, 1e-2, 3e-2, 1e-3, 2e-1};
    static final long[] WIDTH = {16, 64, 128, 256, 32, 512};

    @TempDir
    Path tmp;
    Path ws;

    @BeforeEach
    void setUp() {
        ws = Fixtures.workspace(tmp.resolve("ws"));
    }

    /** Six trials: four finished, one pruned, one failed before its run. */
    StudyDirectory study(List<Objective> objectives) throws Exception {
        ObjectNode base = (ObjectNode) Json.mapper().readTree(ws.resolve("runs/" + BASE_RUN + "/run.json").toFile())
                .get("spec").deepCopy();
        base.put("model", "mlp:784-${width}-10");
        StudySpec spec = new StudySpec("lr-width", base, List.of(Parameter.ofFloat("lr", 1e-4, 1, true, "learningRate"),
                Parameter.ofInt("width", 16, 512, 16, null)), objectives, "tpe", null, null,
                objectives.size() > 1 ? "none" : "median", null, null, null, null, 6, null, null, 9L);
        StudyDirectory dir = new StudyStore(ws).create(spec, "local", Instant.parse("2026-12-02T05:00:00Z"));
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < LR.length; i++) {
            Map<String, Object> p = Map.of("lr", LR[i], "width", WIDTH[i]);
            if (i == 5) {
                trials.add(Trial.queued(i, p).ended(TrialState.FAILED, List.of(), "spec refused", null, null));
                continue;
            }
            String id = String.format("20261202-0500%02d-train-bp-%04x", i, 0xa000 + i);
            double acc = 0.6 + 0.05 * i - (i == 3 ? 0.3 : 0);
            double kwh = 1e-5 * (i + 1);
            boolean pruned = i == 3;
            RunEdits.copy(ws, BASE_RUN, id, run -> {
                ((ObjectNode) run.get("spec")).put("learningRate", LR[0]).put("model", "mlp:784-" + WIDTH[0] + "-10");
                ((ObjectNode) run.get("summary")).put("val/best_accuracy", acc).put("energy/kwh", kwh);
                if (pruned) {
                    run.put("status", "pruned");
                }
            });
            Trial t = Trial.queued(i, p).running(id).withIntermediate(0, acc);
            trials.add(pruned ? t.ended(TrialState.PRUNED, List.of(), null, 3.0, kwh)
                    : t.ended(TrialState.FINISHED, objectives.size() > 1 ? List.of(acc, kwh) : List.of(acc), null,
                    3.0, kwh));
        }
        dir.write(trials);
        return dir;
    }

    @Test
    void aStudyReportHoldsItsTrialsHistoryImportanceParallelCoordinatesAndBestTrialThenItsRuns() throws Exception {
        StudyDirectory dir = study(List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE)));
        Path out = tmp.resolve("study.pdf");
        ReportResult r = new PdfReportWriter(ws).write(new ReportRequest(List.of(dir.id().substring(dir.id().length() - 4)),
                PaperSize.A4, null), out);
        assertThat(r.kind()).isEqualTo("study");
        assertThat(r.runIds()).hasSize(5);
        String text = PdfChecks.text(out);
        assertThat(text).contains("Study report: lr-width", dir.id(), "Contents", "Search space", "Trials",
                "Optimisation history", "Parameter importance", "Parallel coordinates", "Best trial",
                "Trial 4 has the best val/best_accuracy, 0.8", "pruned at epoch 0", "spec refused",
                "median on per-epoch val/accuracy", "Accuracy against energy", "Appendix: the runs");
        assertThat(PdfChecks.fonts(out)).allMatch(f -> f.endsWith(" embedded"));
        assertThat(PdfChecks.pdfA2bFailures(out)).isEmpty();
    }

    @Test
    void aTwoObjectiveStudyShowsItsParetoSetAndTheChartsExportAsFiles() throws Exception {
        StudyDirectory dir = study(List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE),
                new Objective("energy/kwh", Direction.MINIMIZE)));
        Path out = tmp.resolve("pareto.pdf");
        PdfReportWriter writer = new PdfReportWriter(ws);
        writer.write(new ReportRequest(List.of(dir.id()), PaperSize.LETTER, null), out);
        String text = PdfChecks.text(out);
        // accuracy rises and energy rises with the trial number: every finished trial is on the front
        assertThat(text).contains("Pareto set", "4 of the 4 finished trials are not beaten");
        List<Path> charts = writer.writeCharts(new ReportRequest(List.of(dir.id()), PaperSize.A4, null), tmp.resolve("c"));
        assertThat(charts).extracting(p -> p.getFileName().toString())
                .contains("01-study-history.svg", "01-study-history.png", "03-study-parallel.svg", "04-study-pareto.svg");
        assertThat(Files.readString(charts.stream().filter(p -> p.toString().endsWith("-study-pareto.svg")).findFirst()
                .orElseThrow())).contains("<svg").contains("Pareto front");
    }

    @Test
    void aStudyIsReportedOnItsOwn() throws Exception {
        StudyDirectory dir = study(List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE)));
        assertThatThrownBy(() -> new PdfReportWriter(ws).write(new ReportRequest(List.of(dir.id(), BASE_RUN),
                PaperSize.A4, null), tmp.resolve("x.pdf"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a study is reported on its own");
        assertThat(tmp.resolve("x.pdf")).doesNotExist();
    }
}
