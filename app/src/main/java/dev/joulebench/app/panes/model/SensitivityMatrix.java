package dev.joulebench.app.panes.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A layer sensitivity profile: accuracy[i][j] is the network's accuracy with only layer i compressed at
 * chis[j] (NaN: not measured yet), the uncompressed baseline, and the policy's χ per layer (null = dense;
 * empty while profiling). Read from compress/sensitivity.json, or assembled from the live
 * {@code sensitivity/<layer>/accuracy} metric points (step = χ).
 *
 * @param policy a caption of the policy's goal and outcome, "" when none yet
 */
public record SensitivityMatrix(List<String> layers, int[] chis, double[][] accuracy, double baseline,
                                Map<String, Integer> chosen, String policy) {
    /** One profiled point as the metric stream delivers it. */
    public record Point(String layer, int chi, double accuracy) {}

    public SensitivityMatrix {
        layers = List.copyOf(layers);
        chosen = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(chosen));
    }

    /** compress/sensitivity.json as SensitivityProfile writes it. */
    public static SensitivityMatrix of(JsonNode doc) {
        List<String> layers = new ArrayList<>();
        doc.path("layers").forEach(n -> layers.add(n.asText()));
        int[] chis = new int[doc.path("chis").size()];
        for (int j = 0; j < chis.length; j++) {
            chis[j] = doc.path("chis").get(j).asInt();
        }
        double[][] acc = new double[layers.size()][chis.length];
        for (int i = 0; i < layers.size(); i++) {
            for (int j = 0; j < chis.length; j++) {
                JsonNode v = doc.path("accuracy").path(i).path(j);
                acc[i][j] = v.isNumber() ? v.asDouble() : Double.NaN;
            }
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        JsonNode policy = doc.path("policy");
        for (String l : layers) {
            JsonNode c = policy.path("chi").path(l);
            chosen.put(l, c.isNumber() ? c.asInt() : null);
        }
        String caption = "";
        if (policy.isObject()) {
            String goal = doc.path("policyGoal").asText("");
            double target = doc.path("policyTarget").asDouble(Double.NaN);
            String goalText = goal.equals("params") ? String.format(Locale.ROOT, "≤ %,d weights", Math.round(target))
                    : goal.equals("accuracy_drop") ? String.format(Locale.ROOT, "drop ≤ %.2f pt", target * 100) : goal;
            caption = String.format(Locale.ROOT, "policy (%s): %,d weights, predicted drop %.2f pt%s", goalText,
                    policy.path("params").asLong(), policy.path("predictedDrop").asDouble() * 100,
                    policy.path("reached").asBoolean(true) ? "" : ", target not reached");
        }
        return new SensitivityMatrix(layers, chis, acc, doc.path("baselineAccuracy").asDouble(Double.NaN), chosen,
                caption);
    }

    /** The matrix of the points measured so far (layers in order of appearance, χ ascending). */
    public static SensitivityMatrix ofPoints(List<Point> points, double baseline) {
        List<String> layers = new ArrayList<>();
        TreeSet<Integer> chiSet = new TreeSet<>();
        for (Point p : points) {
            if (!layers.contains(p.layer())) {
                layers.add(p.layer());
            }
            chiSet.add(p.chi());
        }
        int[] chis = chiSet.stream().mapToInt(Integer::intValue).toArray();
        double[][] acc = new double[layers.size()][chis.length];
        for (double[] row : acc) {
            Arrays.fill(row, Double.NaN);
        }
        for (Point p : points) {
            acc[layers.indexOf(p.layer())][Arrays.binarySearch(chis, p.chi())] = p.accuracy();
        }
        return new SensitivityMatrix(layers, chis, acc, baseline, Map.of(), "");
    }

    public double accuracy(int layer, int chiIndex) {
        return accuracy[layer][chiIndex];
    }

    /** Baseline minus accuracy (positive = worse); NaN when either is unknown. */
    public double drop(int layer, int chiIndex) {
        return baseline - accuracy[layer][chiIndex];
    }

    /** Whether the policy chose chis[chiIndex] for this layer. */
    public boolean isChosen(int layer, int chiIndex) {
        Integer c = chosen.get(layers.get(layer));
        return c != null && c == chis[chiIndex];
    }

    /** The measured accuracies' range, for the colour scale: [lowest measured, max(highest, baseline)]. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.isNaN(baseline) ? Double.NEGATIVE_INFINITY : baseline;
        for (double[] row : accuracy) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }

    /** Where {@code accuracy} sits between the worst measured (0) and the best or baseline (1); NaN when unmeasured. */
    public double shade(int layer, int chiIndex) {
        double v = accuracy[layer][chiIndex];
        double[] r = range();
        if (Double.isNaN(v) || Double.isNaN(r[0])) {
            return Double.NaN;
        }
        return r[1] - r[0] < 1e-12 ? 1.0 : (v - r[0]) / (r[1] - r[0]);
    }
}
