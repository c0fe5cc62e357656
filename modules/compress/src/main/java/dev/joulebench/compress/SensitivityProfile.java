package dev.joulebench.compress;

import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CompactifAI's layer sensitivity: each selected layer alone is replaced by its MPO at every profiled χ
 * and the network's accuracy measured on the validation split (the rows training held out, so the test
 * split stays unseen by the choice). Writes {@code compress/sensitivity.json} (layers × χ accuracy matrix,
 * parameters and errors, and the policy's per-layer χ).
 */
final class SensitivityProfile {
    static final String FILE = "compress/sensitivity.json";

    private final CompressSpec spec;
    private final CompressTarget target;

    SensitivityProfile(CompressSpec spec, CompressTarget target) {
        this.spec = spec;
        this.target = target;
    }

    /** What {@link #FILE} holds; accuracy[i][j] is layer i alone at chis[j]. */
    record Report(String model, String dataset, String split, int sites, double baselineAccuracy, List<String> layers,
                  int[] chis, long[] denseParams, long[][] params, double[][] accuracy, double[][] relativeError,
                  String policyGoal, Double policyTarget, ChiPolicy.Choice policy) {}

    JobResult run(Classifier original, ImageDataset validation, JobContext ctx) throws IOException {
        int[] chis = spec.chis().stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        Map<String, DenseLayer> dense = new LinkedHashMap<>();
        DenseLayer.of(original).forEach(d -> dense.put(d.name(), d));
        List<String> layers = target.layers();
        ctx.phase("eval-before");
        double baseline;
        try (CompressedNetwork net = CompressedNetwork.of(original, Map.of())) {
            baseline = net.evaluate(validation, spec.batchSize(), ctx.cancellation()).accuracy();
        }
        ctx.metric(0, -1, "sensitivity/baseline_accuracy", baseline);
        long[] denseParams = new long[layers.size()];
        long[][] params = new long[layers.size()][chis.length];
        double[][] accuracy = new double[layers.size()][chis.length];
        double[][] error = new double[layers.size()][chis.length];
        ctx.phase("profile");
        int total = layers.size() * chis.length;
        int done = 0;
        for (int i = 0; i < layers.size(); i++) {
            String name = layers.get(i);
            DenseMatrix w = dense.get(name).weight();
            denseParams[i] = (long) w.rows() * w.cols();
            for (int j = 0; j < chis.length; j++) {
                ctx.cancellation().throwIfCancelled();
                ctx.progress("profiling", done, total, name + " chi=" + chis[j]);
                LayerCompressor.Result r = LayerCompressor.compress(name, w, spec.compressionMethod(),
                        new LayerCompressor.Setting(chis[j], null, null, spec.sites()));
                try (CompressedNetwork net = CompressedNetwork.of(original, Map.of(name, r.replacement()))) {
                    accuracy[i][j] = net.evaluate(validation, spec.batchSize(), ctx.cancellation()).accuracy();
                }
                params[i][j] = r.report().weightParamsAfter();
                error[i][j] = r.report().relativeError();
                ctx.metric(chis[j], -1, "sensitivity/" + name + "/accuracy", accuracy[i][j]);
                ctx.metric(chis[j], -1, "sensitivity/" + name + "/relative_error", error[i][j]);
                done++;
            }
        }
        ctx.progress("profiling", total, total, null);
        ChiPolicy.Profile profile = new ChiPolicy.Profile(layers, denseParams, chis, params, accuracy, baseline);
        long allDense = Arrays.stream(denseParams).sum();
        String goal;
        Double goalValue;
        ChiPolicy.Choice choice;
        if (spec.targetParams() != null) {
            long max = spec.targetParams() <= 1 ? Math.round(spec.targetParams() * allDense)
                    : Math.round(spec.targetParams());
            goal = "params";
            goalValue = (double) max;
            choice = ChiPolicy.forSize(profile, max);
        } else {
            goal = "accuracy_drop";
            goalValue = spec.targetAccuracyDrop() != null ? spec.targetAccuracyDrop() : 0.01;
            choice = ChiPolicy.forAccuracyBudget(profile, goalValue);
        }
        Report report = new Report(target.modelSpec().text(), spec.dataset(), "validation", spec.sites(), baseline,
                layers, chis, denseParams, params, accuracy, error, goal, goalValue, choice);
        Path file = ctx.runDir().resolve(FILE);
        Files.createDirectories(file.getParent());
        dev.joulebench.core.store.AtomicFiles.writeString(file, Json.write(report));
        ctx.artifact(file, "layer sensitivity: accuracy per layer and chi, and the chosen chi per layer");

        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("sensitivity/baseline_accuracy", baseline);
        summary.put("sensitivity/evaluations", (double) total);
        summary.put("policy/params", (double) choice.params());
        summary.put("policy/params_ratio", (double) choice.params() / allDense);
        summary.put("policy/predicted_accuracy_drop", choice.predictedDrop());
        summary.put("policy/reached", choice.reached() ? 1.0 : 0.0);
        choice.chi().forEach((layer, chi) -> summary.put("policy/" + layer + "_chi", chi == null ? 0.0 : chi));
        return new JobResult(summary);
    }
}
