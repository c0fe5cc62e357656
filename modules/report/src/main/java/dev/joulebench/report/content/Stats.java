package dev.joulebench.report.content;

import java.util.Arrays;

/** Mean and sample standard deviation (n − 1) of the finite values; sd is NaN for fewer than two. */
public record Stats(int n, double mean, double sd) {
    public static Stats of(double... values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        if (v.length < 2) {
            return new Stats(1, mean, Double.NaN);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new Stats(v.length, mean, Math.sqrt(ss / (v.length - 1)));
    }
}
