package dev.joulebench.core.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.spec.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The content of {@code run.json}. Times are ISO-8601 UTC strings. {@code pid} and {@code pidStartedAt}
 * (when that process started) let a reader tell a live run from one whose process was killed, also
 * when the pid has since been given to another process; run.json files written before
 * {@code pidStartedAt} existed read with it null and are judged by the pid alone.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(String id, String kind, String method, RunStatus status, String createdAt, String endedAt,
                        Double durationSeconds, Long pid, String pidStartedAt, JobSpec spec, Provenance provenance,
                        String error, Map<String, Double> summary, Map<String, Object> reports) {

    /**
     * How far apart two readings of one process's start time may be. Linux derives it from clock ticks
     * since boot plus the boot time, and the boot time moves when the wall clock is stepped (NTP).
     */
    static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    public RunRecord {
        summary = summary == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        reports = reports == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    }

    /** A record without the process start time (as run.json was before it was recorded). */
    public RunRecord(String id, String kind, String method, RunStatus status, String createdAt, String endedAt,
                     Double durationSeconds, Long pid, JobSpec spec, Provenance provenance, String error,
                     Map<String, Double> summary, Map<String, Object> reports) {
        this(id, kind, method, status, createdAt, endedAt, durationSeconds, pid, null, spec, provenance, error,
                summary, reports);
    }

    /** A record without instrument reports (a run still going, or one with no instruments). */
    public RunRecord(String id, String kind, String method, RunStatus status, String createdAt, String endedAt,
                     Double durationSeconds, Long pid, JobSpec spec, Provenance provenance, String error,
                     Map<String, Double> summary) {
        this(id, kind, method, status, createdAt, endedAt, durationSeconds, pid, null, spec, provenance, error,
                summary, null);
    }

    /** The start time of this process as recorded in run.json, or null where the platform does not tell. */
    public static String currentProcessStart() {
        return ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null);
    }

    public RunRecord ended(RunStatus newStatus, String endedAtIso, double duration, String newError,
                           Map<String, Double> newSummary, Provenance newProvenance, Map<String, Object> newReports) {
        return new RunRecord(id, kind, method, newStatus, createdAt, endedAtIso, duration, pid, pidStartedAt, spec,
                newProvenance, newError, newSummary, newReports);
    }

    /** This record with one more {@code reports} section (e.g. a job's own result file, for {@code --json}). */
    public RunRecord withReport(String section, Object detail) {
        Map<String, Object> more = new LinkedHashMap<>(reports);
        more.put(section, detail);
        return new RunRecord(id, kind, method, status, createdAt, endedAt, durationSeconds, pid, pidStartedAt, spec,
                provenance, error, summary, more);
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

    /**
     * The status to show: a run still marked running whose process is gone, or whose pid now belongs to
     * a process that started at another time than the recorded one (the pid was reused), was interrupted.
     */
    public RunStatus effectiveStatus() {
        if (status != RunStatus.RUNNING || pid == null) {
            return status;
        }
        Optional<ProcessHandle> process = ProcessHandle.current().pid() == pid ? Optional.of(ProcessHandle.current())
                : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return RunStatus.INTERRUPTED;
        }
        Instant recorded = parse(pidStartedAt);
        Instant actual = process.get().info().startInstant().orElse(null);
        if (recorded != null && actual != null
                && Duration.between(recorded, actual).abs().compareTo(START_TIME_TOLERANCE) > 0) {
            return RunStatus.INTERRUPTED;
        }
        return status;
    }

    private static Instant parse(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null; // a hand-edited or foreign value: fall back to the pid alone
        }
    }
}
