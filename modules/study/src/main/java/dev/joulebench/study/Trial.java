package dev.joulebench.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial of a study: its number (0, 1, ... in the order sampled), the parameter values, the run that
 * evaluates them, its state, the objective values when finished, and the intermediate values (per epoch, the
 * study's intermediate metric) the pruner judged it by.
 *
 * @param values       one per objective, in the study's order; empty until the trial finished
 * @param intermediate epoch to value, as the run reported them
 * @param error        why it failed, or null
 * @param kwh          the run's energy, when recorded (counts against a kWh budget)
 * @param jobId        the cluster job that runs it (Slurm's job id), or null for a run on this machine
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trial(int number, Map<String, Object> params, TrialState state, String runId, List<Double> values,
                    SortedMap<Integer, Double> intermediate, String error, Double seconds, Double kwh,
                    String jobId) {
    public Trial {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        values = values == null ? List.of() : List.copyOf(values);
        intermediate = Collections.unmodifiableSortedMap(new TreeMap<>(intermediate == null ? Map.of() : intermediate));
    }

    public static Trial queued(int number, Map<String, Object> params) {
        return new Trial(number, params, TrialState.QUEUED, null, List.of(), null, null, null, null, null);
    }

    public Trial running(String run) {
        return new Trial(number, params, TrialState.RUNNING, run, values, intermediate, null, seconds, kwh, jobId);
    }

    /** This trial run by cluster job {@code job} (null: by this machine). */
    public Trial withJobId(String job) {
        return new Trial(number, params, state, runId, values, intermediate, error, seconds, kwh, job);
    }

    public Trial withIntermediate(int epoch, double value) {
        SortedMap<Integer, Double> m = new TreeMap<>(intermediate);
        m.put(epoch, value);
        return new Trial(number, params, state, runId, values, m, error, seconds, kwh, jobId);
    }

    public Trial ended(TrialState end, List<Double> objectiveValues, String why, Double runSeconds, Double runKwh) {
        return new Trial(number, params, end, runId, objectiveValues, intermediate, why, runSeconds, runKwh, jobId);
    }

    /** The value of objective 0; NaN when the trial has none. */
    public double value() {
        return values.isEmpty() ? Double.NaN : values.get(0);
    }

    /** The last epoch it reported, or -1. */
    public int lastStep() {
        return intermediate.isEmpty() ? -1 : intermediate.lastKey();
    }
}
