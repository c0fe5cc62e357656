package dev.joulebench.report.content;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.RunData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The questions of the climate-performance model card (Hershcovich et al. 2022) the run can answer. */
final class ModelCardSection {
    private ModelCardSection() {}

    static void write(RunData run, Blocks b) {
        b.section("Climate-performance model card");
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        String byHand = "not recorded by the run: answer by hand";
        List<String[]> rows = new ArrayList<>();
        Path model = run.dir().resolve("model");
        rows.add(new String[] {"Is the resulting model publicly available?", byHand + (Files.isDirectory(model)
                ? " (the model is in " + model + ")" : "")});
        double train = run.number(MetricKeys.TRAIN_SECONDS);
        rows.add(new String[] {"How much time does the training of the final model take?", Double.isFinite(train)
                ? Fmt.seconds(train) + " training, " + Fmt.seconds(run.wallSeconds()) + " wall time in all"
                : Fmt.seconds(run.wallSeconds()) + " wall time"});
        rows.add(new String[] {"How much time did all experiments take (incl. hyperparameter search)?",
                "this run: " + Fmt.seconds(run.wallSeconds()) + "; add the other runs (a comparison report sums them)"});
        rows.add(new String[] {"What was the power of GPU and CPU?", run.energy() == null || run.energy().sources()
                .isEmpty() ? "not measured" : ReportText.power(run.energy().sources())});
        rows.add(new String[] {"At which geo location were the computations performed?", a == null || !a.recorded()
                ? byHand : "assumed " + a.gridCountry() + " (" + a.gridIso3() + ", the grid chosen with --country)"});
        rows.add(new String[] {"What was the energy mix at the geo location?", a == null || !a.recorded() ? byHand
                : Fmt.fixed(a.gridGPerKwh(), 0) + " g CO₂e/kWh (" + a.gridSource() + ")"});
        rows.add(new String[] {"How much CO₂eq was emitted to train the final model?", Fmt.co2e(run.co2eKg()) + " ("
                + ReportText.energyMethod(run) + " energy " + Fmt.kwh(run.kwh()) + ")"});
        rows.add(new String[] {"How much CO₂eq was emitted for all experiments?", "this run: "
                + Fmt.co2e(run.co2eKg()) + "; add the other runs"});
        rows.add(new String[] {"What is the average CO₂eq emission for the inference of one sample?", inference(run)});
        rows.add(new String[] {"Which positive environmental impact can be expected from this work?", byHand});
        rows.add(new String[] {"Comments", byHand});
        b.keyValues(rows, "Answers filled from the run's files where it recorded them.");
    }

    private static String inference(RunData run) {
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        for (String key : List.of("energy/eval-after_kwh_per_1000_inferences", "energy/eval_kwh_per_1000_inferences",
                "energy/eval-before_kwh_per_1000_inferences")) {
            double kwh = run.number(key);
            if (Double.isFinite(kwh)) {
                String co2 = a != null && Double.isFinite(a.gridGPerKwh())
                        ? ", " + Fmt.co2e(kwh / 1000 * a.pue() * a.gridGPerKwh() / 1000) + " per sample" : "";
                return Fmt.energy(kwh / 1000) + " per sample" + co2 + " (" + key.replace("_kwh_per_1000_inferences", "")
                        .replace("energy/", "") + " phase)";
            }
        }
        double evalKwh = run.number(MetricKeys.energyOf("eval"));
        double samples = run.number(MetricKeys.SAMPLES);
        if (run.kind().equals("eval") && Double.isFinite(evalKwh) && samples > 0) {
            double perSample = evalKwh / samples;
            String co2 = a != null && Double.isFinite(a.gridGPerKwh())
                    ? ", " + Fmt.co2e(perSample * a.pue() * a.gridGPerKwh() / 1000) + " per sample" : "";
            return Fmt.energy(perSample) + " per sample" + co2 + " (eval phase over " + Fmt.count(samples)
                    + " samples)";
        }
        return "not measured by this run (joulebench eval measures the energy per inference)";
    }
}
