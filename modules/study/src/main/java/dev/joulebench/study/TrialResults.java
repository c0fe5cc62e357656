package dev.joulebench.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** A trial's end read from its run's files: run.json for the status and summary, metrics.jsonl for the curve. */
final class TrialResults {
    private final RunStore runs;
    private final StudySpec spec;

    TrialResults(RunStore runs, StudySpec spec) {
        this.runs = runs;
        this.spec = spec;
    }

    /**
     * The ended trial: its state from the run's status, its objective values from the run's summary.
     *
     * @param runId      the run, or null when none began (a cluster job that died first)
     * @param jobFailure what the executor knows of a job that went wrong, added to a failed trial's error; or null
     */
    Trial ended(Trial trial, String runId, String jobFailure) {
        if (runId == null) {
            return trial.ended(TrialState.FAILED, List.of(), jobFailure != null ? jobFailure
                    : "no run was recorded for it", null, null);
        }
        String job = jobFailure == null ? "" : "; " + jobFailure;
        RunRecord r;
        try {
            r = runs.load(runId);
        } catch (RuntimeException e) {
            return trial.ended(TrialState.FAILED, List.of(), "its run " + runId + " cannot be read: " + e.getMessage()
                    + job, null, null);
        }
        Trial t = trial;
        for (var e : intermediate(runs.resolveDir(runId)).entrySet()) {
            t = t.withIntermediate(e.getKey(), e.getValue());
        }
        Double kwh = r.summary().get(MetricKeys.ENERGY_KWH);
        RunStatus status = r.effectiveStatus();
        if (status == RunStatus.PRUNED) {
            return t.ended(TrialState.PRUNED, List.of(), null, r.durationSeconds(), kwh);
        }
        if (status != RunStatus.FINISHED) {
            String why = "its run ended " + status.json() + (r.error() == null ? "" : ": " + r.error()) + job;
            return t.ended(TrialState.FAILED, List.of(), why, r.durationSeconds(), kwh);
        }
        List<Double> values = new ArrayList<>();
        for (Objective o : spec.objectives()) {
            Double v = r.summary().get(o.metric());
            if (v == null || !Double.isFinite(v)) {
                return t.ended(TrialState.FAILED, List.of(), "its run has no " + o.metric() + " in its summary (it has "
                        + r.summary().keySet() + ")", r.durationSeconds(), kwh);
            }
            values.add(v);
        }
        return t.ended(TrialState.FINISHED, values, null, r.durationSeconds(), kwh);
    }

    /** The intermediate metric per epoch (the last value of each epoch), as the run recorded it. */
    SortedMap<Integer, Double> intermediate(Path runDir) {
        SortedMap<Integer, Double> out = new TreeMap<>();
        for (JsonNode line : Json.readLines(runDir.resolve("metrics.jsonl"))) {
            if (spec.intermediate().equals(line.path("name").asText()) && line.path("epoch").asInt(-1) >= 0) {
                out.put(line.get("epoch").asInt(), line.path("value").asDouble(Double.NaN));
            }
        }
        return out;
    }
}
