package dev.joulebench.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects problems field by field so a user sees all of them at once. */
final class SpecChecks {
    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu(:\\d+)?");
    private final List<SpecProblem> problems = new ArrayList<>();

    SpecChecks required(String field, String value, String hint) {
        if (value == null || value.isBlank()) {
            problems.add(new SpecProblem(field, "is required (" + hint + ")"));
        }
        return this;
    }

    SpecChecks oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            problems.add(new SpecProblem(field, "must be one of " + String.join(", ", allowed) + " (got " + quote(value) + ")"));
        }
        return this;
    }

    SpecChecks atLeast(String field, long value, long min) {
        if (value < min) {
            problems.add(new SpecProblem(field, "must be >= " + min + " (got " + value + ")"));
        }
        return this;
    }

    SpecChecks range(String field, double value, double minInclusive, double maxExclusive) {
        if (!(value >= minInclusive && value < maxExclusive)) {
            problems.add(new SpecProblem(field, "must be in [" + minInclusive + ", " + maxExclusive + ") (got " + value + ")"));
        }
        return this;
    }

    SpecChecks positive(String field, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            problems.add(new SpecProblem(field, "must be a positive number (got " + value + ")"));
        }
        return this;
    }

    SpecChecks device(String value) {
        if (value == null || !DEVICE.matcher(value).matches()) {
            problems.add(new SpecProblem("device", "must be auto, cpu, gpu or gpu:N (got " + quote(value) + ")"));
        }
        return this;
    }

    SpecChecks check(boolean ok, String field, String message) {
        if (!ok) {
            problems.add(new SpecProblem(field, message));
        }
        return this;
    }

    List<SpecProblem> problems() {
        return List.copyOf(problems);
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
