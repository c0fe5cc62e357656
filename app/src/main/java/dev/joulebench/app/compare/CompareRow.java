package dev.joulebench.app.compare;

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
        return new CompareRow(r.id(), r.method(), dataset, s.get("test/accuracy"), r.durationSeconds(),
                s.get("energy/kwh"), s.get("co2e/kg"), s.get("water/l"), s.get("params"));
    }
}
