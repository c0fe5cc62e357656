package dev.joulebench.report.data;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.energy.PowerLog;
import dev.joulebench.spectra.LayerSpectrum;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows of one run, read back from its directory. Parts the run did not write (a run killed
 * early, a compress run has no spectra) are empty lists or null.
 *
 * @param status      the status to show (a run whose process died reads as interrupted)
 * @param power       power.csv as the energy module reads it
 * @param energyCurve the ledger's cumulative energy after each power.csv row, replayed by the energy module
 * @param energy      run.json's energy report, null when the run recorded none
 * @param compression compress/ files, null for other runs
 */
public record RunData(Path dir, RunRecord record, RunStatus status, List<MetricPoint> metrics, PowerLog power,
                      List<PowerLog.Point> energyCurve, EnergyReport energy, List<LayerSpectrum> weights,
                      List<ActivationSnapshot> activations, CompressionData compression) {
    public RunData {
        metrics = List.copyOf(metrics);
        energyCurve = List.copyOf(energyCurve);
        weights = List.copyOf(weights);
        activations = List.copyOf(activations);
    }

    public String id() {
        return record.id();
    }

    /** The last four characters, as the CLI shortens run ids. */
    public String shortId() {
        String id = id();
        return id.length() > 4 ? id.substring(id.length() - 4) : id;
    }

    public Map<String, Double> summary() {
        return record.summary();
    }

    public JobSpec spec() {
        return record.spec();
    }

    public String kind() {
        return record.kind() == null ? "" : record.kind();
    }

    public String method() {
        return record.method() == null ? "" : record.method();
    }

    public String dataset() {
        JobSpec s = spec();
        if (s instanceof TrainSpec t) {
            return t.dataset();
        }
        if (s instanceof EvalSpec e) {
            return e.dataset();
        }
        return s instanceof CompressSpec c ? c.dataset() : "";
    }

    /** The model spec text (mlp:…), the compressed model's for a compress run, else the model named in the spec. */
    public String model() {
        if (compression != null && !compression.modelSpec().isEmpty()) {
            return compression.modelSpec();
        }
        JobSpec s = spec();
        if (s instanceof TrainSpec t) {
            return t.model();
        }
        if (s instanceof EvalSpec e) {
            return e.model();
        }
        return s instanceof CompressSpec c ? c.model() : "";
    }

    /** A short label for legends: method, model and the short id. */
    public String label() {
        return method() + " " + model() + " #" + shortId();
    }

    /** The run's headline accuracy: test accuracy, after compression's, else the best validation accuracy. */
    public Figure accuracy() {
        for (String key : List.of(MetricKeys.TEST_ACCURACY, "after/test_accuracy", "compressed/test_accuracy")) {
            Double v = summary().get(key);
            if (v != null && Double.isFinite(v)) {
                return new Figure(v, key.startsWith("test") ? "test" : key.substring(0, key.indexOf('/')) + " test");
            }
        }
        Double v = summary().get(MetricKeys.VAL_BEST_ACCURACY);
        if (v != null && Double.isFinite(v)) {
            return new Figure(v, "best validation");
        }
        // a run that failed before its summary: the last validation point it recorded
        for (int i = metrics.size() - 1; i >= 0; i--) {
            MetricPoint m = metrics.get(i);
            if (m.name().equals(MetricKeys.VAL_ACCURACY) && Double.isFinite(m.value())) {
                return new Figure(m.value(), "last validation");
            }
        }
        return new Figure(Double.NaN, "");
    }

    /** A value with what it is (e.g. which accuracy). */
    public record Figure(double value, String what) {
        public boolean present() {
            return Double.isFinite(value);
        }
    }

    public double kwh() {
        if (energy != null && Double.isFinite(energy.itKwh())) {
            return energy.itKwh();
        }
        double kwh = number(MetricKeys.ENERGY_KWH);
        return Double.isFinite(kwh) ? kwh : replayedKwh();
    }

    /**
     * The energy power.csv holds, replayed through the energy module's ledger: what a run that died before writing
     * its energy report still recorded; NaN without power samples.
     */
    public double replayedKwh() {
        return energyCurve.isEmpty() ? Double.NaN : energyCurve.get(energyCurve.size() - 1).totalJoules() / 3.6e6;
    }

    public double co2eKg() {
        return energy != null && Double.isFinite(energy.co2eKg()) ? energy.co2eKg() : number(MetricKeys.CO2E_KG);
    }

    public double waterL() {
        return energy != null && Double.isFinite(energy.waterL()) ? energy.waterL() : number(MetricKeys.WATER_L);
    }

    public double wallSeconds() {
        return record.durationSeconds() == null ? Double.NaN : record.durationSeconds();
    }

    public double params() {
        double p = number(MetricKeys.PARAMS);
        return Double.isNaN(p) ? number("after/params") : p;
    }

    public double peakMemoryMib() {
        return number(MetricKeys.MEMORY_PEAK_RSS_MIB);
    }

    /** The share of the energy that comes from models rather than meters, NaN when unknown. */
    public double estimatedShare() {
        return number(MetricKeys.ENERGY_ESTIMATED_SHARE);
    }

    public double number(String key) {
        Double v = summary().get(key);
        return v == null ? Double.NaN : v;
    }

    /** The points of one metric, in file order. */
    public List<MetricPoint> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).toList();
    }

    /** Whether the run ended otherwise than finished (failed, cancelled, interrupted) or is still running. */
    public boolean incomplete() {
        return status != RunStatus.FINISHED;
    }
}
