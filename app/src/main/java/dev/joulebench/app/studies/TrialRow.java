package dev.joulebench.app.studies;

import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One trial as the studies table shows it.
 *
 * @param params text of the parameter values in the spec's order ({@code lr=0.00123, width=128})
 * @param values one per objective; empty until the trial finished
 * @param runId  the run that evaluates it, or null (queued, or a cluster job that has not started its run)
 * @param kwh    the run's energy, or null when not recorded
 */
public record TrialRow(int number, TrialState state, String params, List<Double> values, String runId, Double kwh,
                       String error) {
    public TrialRow {
        values = List.copyOf(values);
    }

    public static TrialRow of(Trial t) {
        return new TrialRow(t.number(), t.state(), paramsText(t.params()), t.values(), t.runId(), t.kwh(), t.error());
    }

    /** The value of objective {@code i}, or null when the trial has none. */
    public Double value(int i) {
        return i < values.size() ? values.get(i) : null;
    }

    /** The CSS style class of the state cell: {@code trial-finished}, {@code trial-pruned}, ... */
    public String stateStyle() {
        return styleOf(state);
    }

    static String styleOf(TrialState s) {
        return "trial-" + s.json();
    }

    static String paramsText(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * Four significant digits without trailing zeros (0.001, 0.8325), whole numbers as they are, tiny or huge
     * numbers in powers of ten, anything else as its text.
     */
    static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            if (Double.isFinite(d) && Math.abs(d) >= 1e-4 && Math.abs(d) < 1e6) {
                return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
            }
            return String.format(Locale.ROOT, "%.3e", d);
        }
        return String.valueOf(v);
    }
}
