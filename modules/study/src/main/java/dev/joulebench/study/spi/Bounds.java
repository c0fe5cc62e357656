package dev.joulebench.study.spi;

import dev.joulebench.study.Distribution;

/**
 * A numeric distribution as TPE and the uniform draw see it: the range in the transformed space (log for a log
 * scale), widened by half a step each side for a grid (as Optuna's {@code adapted_low/high}), and the way back.
 *
 * @param low         transformed lower bound (grid: widened)
 * @param high        transformed upper bound
 * @param step        the grid step on the original scale, 0 for continuous
 */
record Bounds(double low, double high, boolean log, double step, double originalLow, double originalHigh) {
    static Bounds of(Distribution d) {
        double lo;
        double hi;
        boolean log;
        double step;
        if (d instanceof Distribution.FloatRange r) {
            lo = r.low();
            hi = r.high();
            log = r.log();
            step = r.step() == null ? 0 : r.step();
        } else if (d instanceof Distribution.IntRange r) {
            lo = r.low();
            hi = r.high();
            log = r.log();
            step = r.step();
        } else {
            throw new IllegalArgumentException("a categorical parameter has no numeric bounds");
        }
        double a = lo - step / 2;
        double b = hi + step / 2;
        return new Bounds(log ? Math.log(a) : a, log ? Math.log(b) : b, log, step, lo, hi);
    }

    double transform(double x) {
        return log ? Math.log(x) : x;
    }

    /** From the transformed space back to a value of the distribution: exp, onto the grid, clipped. */
    double untransform(double t) {
        double x = log ? Math.exp(t) : t;
        if (step > 0) {
            x = originalLow + Math.rint((x - originalLow) / step) * step;
        }
        return Math.min(originalHigh, Math.max(originalLow, x));
    }
}
