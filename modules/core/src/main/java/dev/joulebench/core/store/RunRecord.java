package dev.joulebench.core.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.spec.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content of {@code run.json}. Times are ISO-8601 UTC strings; {@code pid} lets a reader tell
 * a live run from one whose process was killed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(String id, String kind, String method, RunStatus status, String createdAt, String endedAt,
                        Double durationSeconds, Long pid, JobSpec spec, Provenance provenance, String error,
                        Map<String, Double> summary, Map<String, Object> reports) {

    public RunRecord {
        summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        reports = reports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    }

    /** A record without instrument reports (a run still going, or one with no instruments). */
    public RunRecord(String id, String kind, String method, RunStatus status, String createdAt, String endedAt,
                     Double durationSeconds, Long pid, JobSpec spec, Provenance provenance, String error,
                     Map<String, Double> summary) {
        this(id, kind, method, status, createdAt, endedAt, durationSeconds, pid, spec, provenance, error, summary,
                null);
    }

    public RunRecord ended(RunStatus newStatus, String endedAtIso, double duration, String newError,
                           Map<String, Double> newSummary, Provenance newProvenance, Map<String, Object> newReports) {
        return new RunRecord(id, kind, method, newStatus, createdAt, endedAtIso, duration, pid, spec, newProvenance,
                newError, newSummary, newReports);
    }

    /** The train/validation split this run recorded ({@code reports.split}), or null when it recorded none. */
    public SplitRecord split() {
        Object section = reports.get(SplitRecord.SECTION);
        if (section == null) {
            return null;
        }
        return section instanceof SplitRecord r ? r
                : dev.joulebench.core.Json.mapper().convertValue(section, SplitRecord.class);
    }

    /** The status to show: a running run whose process no longer exists was interrupted. */
    public RunStatus effectiveStatus() {
        if (status == RunStatus.RUNNING && pid != null && ProcessHandle.current().pid() != pid
                && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            return RunStatus.INTERRUPTED;
        }
        return status;
    }
}
