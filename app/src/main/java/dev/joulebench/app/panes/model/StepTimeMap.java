package dev.joulebench.app.panes.model;

import java.util.Arrays;

/**
 * Maps optimizer steps to seconds since the run started and back, from the (step, t) pairs of the
 * run's metric points. Between known pairs it interpolates linearly; outside them it holds the end
 * values. Thread-safe: written by the event or loader thread, read by the FX thread.
 */
public final class StepTimeMap {
    private long[] steps = new long[16];
    private double[] times = new double[16];
    private int size;

    /** Records that {@code step} was reached at {@code t}; pairs out of order or for steps already known are skipped. */
    public synchronized void add(long step, double t) {
        if (step < 0 || !Double.isFinite(t)) {
            return;
        }
        if (size > 0 && (step <= steps[size - 1] || t < times[size - 1])) {
            return;
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        steps[size] = step;
        times[size] = t;
        size++;
    }

    public synchronized void clear() {
        size = 0;
    }

    public synchronized int size() {
        return size;
    }

    /** Seconds at {@code step}; NaN when nothing is known. */
    public synchronized double timeAt(double step) {
        if (size == 0 || Double.isNaN(step)) {
            return Double.NaN;
        }
        if (step <= steps[0]) {
            return times[0];
        }
        if (step >= steps[size - 1]) {
            return times[size - 1];
        }
        int i = upper(step);
        double f = (step - steps[i - 1]) / (double) (steps[i] - steps[i - 1]);
        return times[i - 1] + f * (times[i] - times[i - 1]);
    }

    /** Step at {@code t} (fractional between known pairs); NaN when nothing is known. */
    public synchronized double stepAt(double t) {
        if (size == 0 || Double.isNaN(t)) {
            return Double.NaN;
        }
        if (t <= times[0]) {
            return steps[0];
        }
        if (t >= times[size - 1]) {
            return steps[size - 1];
        }
        int lo = 0;
        int hi = size - 1;
        while (hi - lo > 1) { // times[lo] <= t < times[hi]
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = times[hi] - times[lo];
        double f = span > 0 ? (t - times[lo]) / span : 0;
        return steps[lo] + f * (steps[hi] - steps[lo]);
    }

    /** Index of the first step greater than {@code step} (1 <= i < size). */
    private int upper(double step) {
        int lo = 0;
        int hi = size - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (steps[mid] <= step) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
