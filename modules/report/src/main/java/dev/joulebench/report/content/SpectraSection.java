package dev.joulebench.report.content;

import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.ActivationSnapshot;
import dev.joulebench.report.data.RunData;
import dev.joulebench.spectra.LayerSpectrum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Spectra section: weight spectra of the final model, activation spectra during training. */
final class SpectraSection {
    private final RunCharts charts;

    SpectraSection(RunCharts charts) {
        this.charts = charts;
    }

    void write(RunData run, Blocks b) {
        if (run.weights().isEmpty() && run.activations().isEmpty()) {
            return;
        }
        b.section("Spectra");
        if (!run.weights().isEmpty()) {
            b.sub("Weight spectra of the final model");
            List<List<String>> rows = new ArrayList<>();
            for (LayerSpectrum s : run.weights()) {
                rows.add(List.of(s.layer(), s.n() + "×" + s.m(), Fmt.fixed(s.powerLaw().alpha(), 2),
                        Fmt.fixed(s.alphaHat(), 2), Integer.toString(s.spikes()), Fmt.sig(s.mp().lambdaPlus()),
                        Fmt.sig(s.mp().sigma2()), Fmt.fixed(s.mp().ks(), 3), Fmt.fixed(s.stableRank(), 2),
                        Fmt.fixed(s.spectralEntropy(), 3), s.flag() == null ? "" : s.flag()));
            }
            b.add(Blocks.table(List.of("layer", "N×M", "α", "α̂", "spikes", "λ+", "σ²", "MP KS", "stable rank",
                    "entropy", "flag"), rows, new double[] {1.5, 0.8, 0.5, 0.5, 0.55, 0.65, 0.65, 0.6, 0.7, 0.65, 1.6},
                    new boolean[] {false, false, true, true, true, true, true, true, true, true, false},
                    "Eigenvalues of WᵀW/N with the Marchenko–Pastur fit (σ², bulk edge λ+, KS distance, spikes above "
                            + "λ+ plus a Tracy–Widom margin) and WeightWatcher's power law (α, α̂ = α·log₁₀ λmax on "
                            + "its σ² scale); α < 2 and α > 6 are flagged."));
            for (LayerSpectrum s : run.weights()) {
                b.chart("weight-spectrum-" + s.layer(), charts.weightSpectrum(s), 0.36, "");
            }
        }
        if (!run.activations().isEmpty()) {
            b.sub("Activation spectra during training");
            b.chart("activation-spectra", charts.activations(run.activations()), 0.42, "Covariance spectrum of each hidden layer's "
                    + "activations on a fixed window of validation images, every few hundred steps.");
            Map<String, ActivationSnapshot> last = new LinkedHashMap<>();
            run.activations().forEach(a -> last.put(a.layer(), a));
            List<List<String>> rows = new ArrayList<>();
            for (ActivationSnapshot a : last.values()) {
                rows.add(List.of(a.layer(), Long.toString(a.step()), a.samples() + "×" + a.features(), Fmt.sig(a.top()),
                        Fmt.sig(a.mpLambdaPlus()), Fmt.fixed(a.outliers(), 0), Fmt.sig(a.spectralGap()),
                        Fmt.fixed(a.spectralEntropy(), 3), Fmt.sig(a.klFromMp())));
            }
            b.add(Blocks.table(List.of("layer", "step", "samples × features", "λmax", "MP λ+", "outliers",
                    "spectral gap", "entropy", "KL from MP"), rows, new double[] {1, 0.6, 1.1, 0.8, 0.8, 0.7, 0.8, 0.7, 0.8},
                    new boolean[] {false, true, false, true, true, true, true, true, true},
                    "The last snapshot of each layer."));
        }
    }
}
