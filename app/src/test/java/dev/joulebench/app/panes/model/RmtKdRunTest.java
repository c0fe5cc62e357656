package dev.joulebench.app.panes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spectra/rmtkd.json, summary.json's cuts and the rmtkd/... metrics read back for the RMT-KD tab; no toolkit. */
class RmtKdRunTest {
    @TempDir
    Path run;

    @Test
    void aFinishedRunHasEachLayersSpectrumAndWhatBecameOfItsCut() throws Exception {
        RmtKdRunFiles.writeFinished(run);
        RmtKdRun r = RmtKdRun.read(run, false, Map.of());
        assertThat(r.layers()).extracting(RmtKdRun.Layer::key).containsExactly("fc1", "fc2");
        RmtKdRun.Layer fc1 = r.layers().get(0);
        assertThat(fc1.features()).isEqualTo(32);
        assertThat(fc1.kept()).isEqualTo(5);
        assertThat(fc1.lambdaPlus()).isCloseTo(RmtKdRunFiles.FC1_LAMBDA_PLUS, within(1e-12));
        assertThat(fc1.outliers()).containsExactly(40, 20, 9, 5, 2);
        assertThat(fc1.cut().cutWidth()).isEqualTo(5);
        assertThat(r.outcome(fc1)).isEqualTo("accepted");
        assertThat(r.validation(fc1)).isEqualTo(0.82);
        RmtKdRun.Layer fc2 = r.layers().get(1);
        assertThat(r.outcome(fc2)).isEqualTo("no cut");
        assertThat(r.validation(fc2)).isNaN();

        CompressionReport report = CompressionReport.read(run);
        assertThat(report.method()).isEqualTo("rmtkd");
        assertThat(report.layers()).isEmpty(); // its per-layer table is the cuts, not weight factorisations
        assertThat(report.beforeAfter().get(0).before()).isEqualTo("25,450");
        assertThat(report.beforeAfter().get(0).after()).isEqualTo("4,100");
        assertThat(report.distillCaption()).isEqualTo("1 of 2 layers cut, distilled 2 epochs in all");
    }

    @Test
    void farOutliersGiveALogAxisOverTheBulkAndThemAndACompactSpectrumALinearOne() throws Exception {
        RmtKdRunFiles.writeFinished(run);
        RmtKdRun r = RmtKdRun.read(run, false, Map.of());
        RmtKdPlot fc1 = RmtKdPlot.of(r.layers().get(0));
        assertThat(fc1.log()).isTrue();
        assertThat(fc1.xMin()).isGreaterThan(0).isLessThan(r.layers().get(0).histogramEdges()[0] + 1e-12);
        assertThat(fc1.xMax()).isGreaterThan(40);
        // the outline: both edges of each bin at its density, down to 0 at the ends
        assertThat(fc1.stepX()).hasSize(2 * RmtKdRunFiles.BINS + 2);
        assertThat(fc1.stepY()[0]).isZero();
        assertThat(fc1.stepY()[1]).isEqualTo(r.layers().get(0).histogram()[0]);
        assertThat(fc1.stepY()[fc1.stepY().length - 1]).isZero();
        assertThat(fc1.outlierX()).containsExactly(40, 20, 9, 5, 2);
        assertThat(fc1.mpX()).hasSize(200);
        assertThat(RmtKdPlot.caption(r.layers().get(0), fc1)).startsWith("fc1: d = 32, k = 5 kept above λ+ = 0.196")
                .contains("log λ axis");

        RmtKdPlot fc2 = RmtKdPlot.of(r.layers().get(1));
        assertThat(fc2.log()).isFalse();
        assertThat(fc2.xMin()).isEqualTo(0.02);
        assertThat(fc2.xMax()).isCloseTo(1.5 * 1.04, within(1e-12));
    }

    @Test
    void whileALayerIsDistilledItsRowSaysHowFarItIs() throws Exception {
        RmtKdRunFiles.writeRunJson(run, "running", false);
        RmtKdRunFiles.writeSpectra(run, List.of(RmtKdRunFiles.fc1()));
        RmtKdRun r = RmtKdRun.read(run, true, Map.of());
        RmtKdRun.Layer fc1 = r.layers().get(0);
        assertThat(fc1.cut()).isNull();
        assertThat(r.outcome(fc1)).isEqualTo("cutting…");
        r = r.withMetric(0, "rmtkd/val_accuracy_cut", 0.6);
        assertThat(r.outcome(fc1)).isEqualTo("cut, distilling…");
        r = r.withMetric(0, "rmtkd/val_accuracy", 0.81);
        assertThat(r.outcome(fc1)).isEqualTo("distilled, checking budget…");
        assertThat(r.validation(fc1)).isEqualTo(0.81);
        r = r.withMetric(0, "rmtkd/params", 4100);
        assertThat(r.outcome(fc1)).isEqualTo("accepted");
        // the bus's progress survives a re-read of files that do not hold it yet
        RmtKdRun again = RmtKdRun.read(run, true, r.progress());
        assertThat(again.outcome(again.layers().get(0))).isEqualTo("accepted");
        // a run that ended without the layer's record
        assertThat(RmtKdRun.read(run, false, Map.of()).outcome(fc1)).isEqualTo("not finished");
    }

    @Test
    void aLayerSweptAgainIsItsOwnEntryAndMissingOrHalfWrittenFilesAreEmpty() throws Exception {
        assertThat(RmtKdRun.read(run, true, Map.of()).layers()).isEmpty();
        RmtKdRunFiles.writeSpectra(run, List.of(RmtKdRunFiles.fc1(), RmtKdRunFiles.fc2(), RmtKdRunFiles.fc1()));
        assertThat(RmtKdRun.read(run, true, Map.of()).layers()).extracting(RmtKdRun.Layer::key)
                .containsExactly("fc1", "fc2", "fc1 · pass 2");
        RmtKdRun three = RmtKdRun.read(run, true, Map.of());
        Files.writeString(run.resolve(RmtKdRun.SPECTRA_JSON), "[{\"layer\":\"fc1\",\"features\":3");
        assertThat(RmtKdRun.read(run, true, Map.of()).layers()).isEmpty();
        // read again while it is half written: what was read before stays
        assertThat(RmtKdRun.read(run, true, Map.of(), three).layers()).hasSize(3);
    }
}
