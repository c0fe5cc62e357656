package dev.joulebench.report.content;

import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.CompressionData;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The compression section: stages, layers and the sensitivity profile. */
final class CompressionSection {
    private final RunCharts charts;

    CompressionSection(RunCharts charts) {
        this.charts = charts;
    }

    void write(RunData run, Blocks b) {
        CompressionData c = run.compression();
        if (c == null) {
            return;
        }
        b.section(c.mode().equals("sensitivity") ? "Compression sensitivity" : "Compression (" + c.method() + ")");
        if (!c.stages().isEmpty()) {
            List<String> header = new ArrayList<>(List.of("measure"));
            c.stages().forEach(s -> header.add(s.name()));
            header.add("change");
            CompressionData.Stage first = c.stages().get(0);
            CompressionData.Stage last = c.stages().get(c.stages().size() - 1);
            List<List<String>> rows = new ArrayList<>();
            rows.add(stageRow("parameters", c, CompressionData.Stage::params, Fmt::count, first, last, false));
            rows.add(stageRow("size", c, CompressionData.Stage::bytes, Fmt::bytes, first, last, false));
            rows.add(stageRow("MACs per sample", c, CompressionData.Stage::macs, Fmt::count, first, last, false));
            rows.add(stageRow("test accuracy", c, CompressionData.Stage::testAccuracy, Fmt::percent, first, last, true));
            rows.add(stageRow("latency p50 per batch", c, CompressionData.Stage::latencyP50Ms,
                    v -> Fmt.sig(v) + " ms", first, last, false));
            rows.add(stageRow("throughput", c, CompressionData.Stage::samplesPerSecond,
                    v -> Fmt.count(v) + " /s", first, last, false));
            rows.add(stageRow("energy per 1,000 inferences", c, CompressionData.Stage::kwhPer1000Inferences,
                    Fmt::energy, first, last, false));
            double[] w = new double[header.size()];
            boolean[] num = new boolean[header.size()];
            java.util.Arrays.fill(w, 1);
            java.util.Arrays.fill(num, true);
            w[0] = 1.6;
            num[0] = false;
            b.add(Blocks.table(header, rows, w, num, "Measured before compression, right after it and after healing "
                    + "(where healed); change is after ÷ before, or the accuracy difference in points."));
            if (c.healEpochs() > 0) {
                b.note("Healed " + c.healEpochs() + " epoch" + (c.healEpochs() == 1 ? "" : "s") + " with backprop; "
                        + "validation accuracy after healing " + Fmt.percent(c.healValAccuracy()) + ".");
            }
        }
        if (!c.layers().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (CompressionData.Layer l : c.layers()) {
                rows.add(List.of(l.name(), l.inputs() + "×" + l.outputs(), l.setting(), Fmt.count(l.paramsBefore()),
                        Fmt.count(l.paramsAfter()), l.paramsBefore() > 0
                                ? String.format(Locale.ROOT, "×%.3g", (double) l.paramsAfter() / l.paramsBefore()) : "–",
                        Fmt.count(l.macsBefore()), Fmt.count(l.macsAfter()), Fmt.fixed(l.relativeError(), 4)));
            }
            b.add(Blocks.table(List.of("layer", "shape", "setting", "params before", "params after", "ratio",
                    "MACs before", "MACs after", "relative error"), rows,
                    new double[] {0.8, 0.9, 0.8, 1, 1, 0.7, 1, 1, 0.9},
                    new boolean[] {false, false, false, true, true, true, true, true, true},
                    "Per layer, the weight only (biases stay dense); relative error ‖W − Ŵ‖/‖W‖."));
        }
        c.notes().forEach(b::note);
        CompressionData.Sensitivity s = c.sensitivity();
        if (s != null) {
            double aspect = Math.min(0.7, (28 + 16 + 22.0 * s.layers().size() + 10) / 495.0);
            b.add(new Figure("sensitivity", charts.sensitivityHeatmap(s), aspect, "Each cell: validation accuracy with only that "
                    + "layer replaced by an MPO of bond dimension χ."));
            b.chart("accuracy-vs-chi", charts.accuracyVsChi(s), 0.42, "The same profile as lines; policy: " + policy(s) + ".");
        }
    }

    private static String policy(CompressionData.Sensitivity s) {
        String goal = s.policyGoal().isEmpty() ? "none" : s.policyGoal().replace('_', ' ');
        String target = Double.isFinite(s.policyTarget()) ? " " + Fmt.sig(s.policyTarget()) : "";
        String chosen = s.policyChi().isEmpty() ? "every layer stays dense"
                : s.policyChi().entrySet().stream().map(e -> e.getKey() + " χ=" + e.getValue())
                .reduce((x, y) -> x + ", " + y).orElse("");
        return goal + target + " → " + chosen + (s.policyReached() ? "" : " (target not reached)");
    }

    private static List<String> stageRow(String name, CompressionData c,
                                         java.util.function.ToDoubleFunction<CompressionData.Stage> f,
                                         java.util.function.DoubleFunction<String> fmt, CompressionData.Stage first,
                                         CompressionData.Stage last, boolean points) {
        List<String> row = new ArrayList<>(List.of(name));
        c.stages().forEach(s -> row.add(fmt.apply(f.applyAsDouble(s))));
        double a = f.applyAsDouble(first);
        double z = f.applyAsDouble(last);
        String change = !Double.isFinite(a) || !Double.isFinite(z) || first == last ? "" : points
                ? String.format(Locale.ROOT, "%+.2f pt", (z - a) * 100).replace('-', '−')
                : a == 0 ? "" : String.format(Locale.ROOT, "×%.3g", z / a);
        row.add(change);
        return row;
    }
}
