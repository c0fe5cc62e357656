package dev.joulebench.app.panes;

/** A span of run time, seconds since the run started, {@code from < to}. */
public record TimeRange(double from, double to) {
    public TimeRange {
        if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("a time range needs finite from < to, got " + from + " .. " + to);
        }
    }
}
