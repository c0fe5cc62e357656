package dev.joulebench.app.compare;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.store.RunRecord;
import java.util.Map;

/**
 * One run in the compare table, from its run.json summary.
 *
 * @param accuracy test accuracy (fraction), or null
 * @param seconds  the run's duration, or null while it runs
 * @param kwh      energy of the run (IT energy × PUE is in co2e; this is what the sensors saw), or null
 * @param params   trainable parameters, or null
 */
public record CompareRow(String run, String method, String dataset, Double accuracy, Double seconds, Double kwh,
                         Double co2eKg, Double waterL, Double params) {

    public static CompareRow of(RunRecord r, String dataset) {
        Map<String, Double> s = r.summary();
        return new CompareRow(r.id(), r.method(), dataset, s.get(MetricKeys.TEST_ACCURACY), r.durationSeconds(),
                s.get(MetricKeys.ENERGY_KWH), s.get(MetricKeys.CO2E_KG), s.get(MetricKeys.WATER_L), s.get(MetricKeys.PARAMS));
    }
}
