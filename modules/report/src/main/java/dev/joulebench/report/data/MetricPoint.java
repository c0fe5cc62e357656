package dev.joulebench.report.data;

/** One line of metrics.jsonl; a null value (a diverged loss) reads as NaN. */
public record MetricPoint(double t, long step, int epoch, String name, double value) {}
