package dev.joulebench.app.workspace;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One run of the workspace as the table shows it; {@code record} is the whole run.json for compare.
 *
 * @param method       the run's method; for a compress run the compression method (mpo+int8), with
 *                     " sensitivity" for a profiling run
 * @param testAccuracy summary {@code test/accuracy} (a compress run: {@code after/test_accuracy}, the accuracy
 *                     after compression), or null (a run still going, an eval run, a sensitivity profile)
 * @param energyKwh    summary {@code energy/kwh}, or null (measured off, or not ended)
 */
public record RunRow(String id, Path dir, String status, String kind, String method, String dataset,
                     Double testAccuracy, Double energyKwh, Instant created, RunRecord record) {

    public static RunRow of(RunRecord r, Path runsDir) {
        return new RunRow(r.id(), runsDir.resolve(r.id()), r.effectiveStatus().json(), r.kind(), method(r),
                dataset(r.spec()), testAccuracy(r), r.summary().get(MetricKeys.ENERGY_KWH), parse(r.createdAt()), r);
    }

    /** The method as the user names it; a compress run's is mpo+int8 rather than its id form, sensitivity marked. */
    private static String method(RunRecord r) {
        if (r.spec() instanceof CompressSpec c) {
            return c.compressionMethod() + (c.isSensitivity() ? " sensitivity" : "");
        }
        return r.method();
    }

    /** Test accuracy of the trained model, or of the compressed one after compression (and healing). */
    private static Double testAccuracy(RunRecord r) {
        Double acc = r.summary().get(MetricKeys.TEST_ACCURACY);
        return acc != null ? acc : r.summary().get("after/test_accuracy");
    }

    /** Whether every whitespace-separated term of the filter occurs (case-insensitively) in one of the text columns. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String haystack = String.join(" ", id, status, nz(kind), nz(method), nz(dataset)).toLowerCase(Locale.ROOT);
        for (String term : filter.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(term)) {
                return false;
            }
        }
        return true;
    }

    private static String dataset(JobSpec spec) {
        if (spec instanceof TrainSpec t) {
            return t.dataset();
        }
        if (spec instanceof EvalSpec e) {
            return e.dataset();
        }
        if (spec instanceof CompressSpec c) {
            return c.dataset();
        }
        return null;
    }

    private static Instant parse(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
