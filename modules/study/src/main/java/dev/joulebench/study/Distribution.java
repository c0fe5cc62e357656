package dev.joulebench.study;

import java.util.List;
import java.util.Objects;

/**
 * The range one study parameter is drawn from, as in Optuna: a float or int range (optionally on a log scale,
 * optionally on a grid of {@code step}), or a list of categorical choices. Samplers work on an internal
 * {@code double}: the value itself for numbers, the choice's index for categoricals.
 */
public sealed interface Distribution {
    /** The internal value of an external one (a number, or one of the choices). */
    double toInternal(Object value);

    /** The external value of an internal one: a Double, a Long, or the choice itself. */
    Object toExternal(double internal);

    /** Whether {@code value} (external) lies in the range. */
    boolean contains(Object value);

    /**
     * Floats in {@code [low, high]}; on a log scale when {@code log} (then {@code low > 0}); on the grid
     * {@code low + i * step} when step is not null (not with log, as in Optuna).
     */
    record FloatRange(double low, double high, boolean log, Double step) implements Distribution {
        public FloatRange {
            if (!(Double.isFinite(low) && Double.isFinite(high)) || low > high) {
                throw new IllegalArgumentException("a float range needs finite low <= high, got [" + low + ", " + high + "]");
            }
            if (log && low <= 0) {
                throw new IllegalArgumentException("a log range needs low > 0, got " + low);
            }
            if (step != null && (log || !(step > 0) || !Double.isFinite(step))) {
                throw new IllegalArgumentException(log ? "a log range cannot have a step" : "step must be > 0, got " + step);
            }
            if (step != null) {
                // as Optuna: high is moved down onto the grid
                high = low + Math.floor((high - low) / step + 1e-9) * step;
            }
        }

        @Override
        public double toInternal(Object value) {
            return ((Number) value).doubleValue();
        }

        @Override
        public Object toExternal(double internal) {
            return internal;
        }

        @Override
        public boolean contains(Object value) {
            if (!(value instanceof Number n)) {
                return false;
            }
            double v = n.doubleValue();
            if (step == null) {
                return v >= low && v <= high;
            }
            double k = (v - low) / step;
            return v >= low - 1e-12 && v <= high + 1e-12 && Math.abs(k - Math.rint(k)) < 1e-8;
        }
    }

    /** Integers in {@code [low, high]} on the grid {@code low + i * step}; log scale only with step 1 (as Optuna). */
    record IntRange(long low, long high, boolean log, long step) implements Distribution {
        public IntRange {
            step = step == 0 ? 1 : step;
            if (low > high) {
                throw new IllegalArgumentException("an int range needs low <= high, got [" + low + ", " + high + "]");
            }
            if (step < 1) {
                throw new IllegalArgumentException("step must be >= 1, got " + step);
            }
            if (log && (low < 1 || step != 1)) {
                throw new IllegalArgumentException("a log int range needs low >= 1 and step 1");
            }
            high = low + (high - low) / step * step;
        }

        @Override
        public double toInternal(Object value) {
            return ((Number) value).doubleValue();
        }

        @Override
        public Object toExternal(double internal) {
            return Math.round(internal);
        }

        @Override
        public boolean contains(Object value) {
            if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                return false;
            }
            long v = n.longValue();
            return v >= low && v <= high && (v - low) % step == 0;
        }
    }

    /** One of {@code choices} (JSON scalars: strings, numbers, booleans). */
    record Choices(List<Object> choices) implements Distribution {
        public Choices {
            if (choices == null || choices.isEmpty()) {
                throw new IllegalArgumentException("a categorical parameter needs at least one choice");
            }
            choices = List.copyOf(choices);
        }

        @Override
        public double toInternal(Object value) {
            for (int i = 0; i < choices.size(); i++) {
                if (same(choices.get(i), value)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(value + " is not one of " + choices);
        }

        @Override
        public Object toExternal(double internal) {
            return choices.get((int) internal);
        }

        @Override
        public boolean contains(Object value) {
            return choices.stream().anyMatch(c -> same(c, value));
        }

        /** Equal choices; numbers by value, so 64 read back from JSON as an Integer equals 64L. */
        private static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return x.doubleValue() == y.doubleValue();
            }
            return Objects.equals(a, b);
        }
    }
}
