package dev.joulebench.study;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of the spread of an objective over the finished trials each parameter accounts for: the correlation
 * ratio η² of a one-way analysis of variance, grouping the trials by the parameter's value (each choice of a
 * categorical; a numeric parameter cut into {@value #BINS} equal-count bins of its (log) value), normalised so the
 * importances sum to 1. It is a marginal, one-parameter-at-a-time measure (not Optuna's fANOVA, which also fits
 * interactions with a random forest): cheap, deterministic, and exact for an objective additive in the parameters.
 */
public final class ParameterImportance {
    public static final int BINS = 4;

    private ParameterImportance() {}

    /**
     * Parameter name to importance in [0, 1], most important first; empty with fewer than 3 finished trials.
     *
     * @param index which objective (0 for the first)
     */
    public static Map<String, Double> of(List<Trial> trials, SearchSpace space, int index) {
        List<Trial> done = trials.stream().filter(t -> t.state() == TrialState.FINISHED && !t.values().isEmpty()
                && Double.isFinite(t.values().get(index))).toList();
        Map<String, Double> raw = new LinkedHashMap<>();
        if (done.size() < 3) {
            return raw;
        }
        double mean = done.stream().mapToDouble(t -> t.values().get(index)).average().orElse(0);
        double total = done.stream().mapToDouble(t -> Math.pow(t.values().get(index) - mean, 2)).sum();
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            int[] group = groups(done, e.getKey(), e.getValue());
            Map<Integer, double[]> sums = new HashMap<>();
            for (int i = 0; i < done.size(); i++) {
                double[] s = sums.computeIfAbsent(group[i], g -> new double[2]);
                s[0] += done.get(i).values().get(index);
                s[1]++;
            }
            double between = 0;
            for (double[] s : sums.values()) {
                between += s[1] * Math.pow(s[0] / s[1] - mean, 2);
            }
            raw.put(e.getKey(), total > 0 ? between / total : 0);
        }
        double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new LinkedHashMap<>();
        raw.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), sum > 0 ? e.getValue() / sum : 0));
        return out;
    }

    /** Each trial's group: the choice's index, or the equal-count bin of its numeric (log) value. */
    private static int[] groups(List<Trial> done, String name, Distribution d) {
        int n = done.size();
        int[] g = new int[n];
        if (d instanceof Distribution.Choices) {
            for (int i = 0; i < n; i++) {
                g[i] = (int) d.toInternal(done.get(i).params().get(name));
            }
            return g;
        }
        boolean log = d instanceof Distribution.FloatRange f ? f.log() : ((Distribution.IntRange) d).log();
        List<Integer> order = new ArrayList<>();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = d.toInternal(done.get(i).params().get(name));
            v[i] = log ? Math.log(x) : x;
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> v[i]));
        int bins = Math.min(BINS, n);
        for (int rank = 0; rank < n; rank++) {
            g[order.get(rank)] = rank * bins / n;
        }
        // equal values share a bin, so a parameter with one value explains nothing
        for (int rank = 1; rank < n; rank++) {
            if (v[order.get(rank)] == v[order.get(rank - 1)]) {
                g[order.get(rank)] = g[order.get(rank - 1)];
            }
        }
        return g;
    }
}
