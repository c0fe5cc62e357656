package dev.joulebench.compress.rmtkd;

import static dev.joulebench.compress.rmtkd.RmtKdJob.DISTILL_WEIGHT_DECAY;
import static dev.joulebench.compress.rmtkd.RmtKdJob.SUMMARY_FILE;

import dev.joulebench.compress.rmtkd.RmtKdJob.Measurement;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.nn.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link RmtKdSchedule} reports: the run's summary numbers, its run.json section and
 * {@link RmtKdJob#SUMMARY_FILE}.
 */
final class RmtKdSummary {
    private RmtKdSummary() {}

    static void finish(RmtKdSchedule s, Measurement after) {
        Map<String, Double> summary = s.summary;
        Measurement before = s.before;
        List<CutRecord> cuts = s.cuts;
        summary.put("compression/params_ratio", (double) after.params() / before.params());
        summary.put("compression/bytes_ratio", (double) after.bytes() / before.bytes());
        summary.put("compression/macs_ratio", (double) after.macs() / before.macs());
        summary.put("test/accuracy_drop", before.testAccuracy() - after.testAccuracy());
        summary.put("val/accuracy_drop", before.validationAccuracy() - after.validationAccuracy());
        summary.put("rmtkd/cuts", (double) cuts.stream().filter(c -> c.outcome().equals(CutRecord.ACCEPTED)).count());
        summary.put("rmtkd/layers_analysed", (double) cuts.size());
        if (s.targeted()) {
            summary.put("rmtkd/target_params", (double) s.targetParams);
            summary.put("rmtkd/target_reached", after.params() <= s.targetParams ? 1.0 : 0.0);
        }
        summary.put("rmtkd/calibration_samples", (double) s.calibration.count());
        ModelSpec.Mlp first = (ModelSpec.Mlp) before.modelSpec();
        ModelSpec.Mlp last = (ModelSpec.Mlp) after.modelSpec();
        for (int h : s.hiddenIndices()) {
            String p = "rmtkd/fc" + (h + 1) + "/";
            summary.put(p + "width_before", (double) first.sizes().get(h + 1));
            summary.put(p + "width_after", (double) last.sizes().get(h + 1));
        }
        for (CutRecord c : cuts) {
            String p = "rmtkd/" + c.layer() + "/" + (c.pass() > 1 ? "pass" + c.pass() + "/" : "");
            summary.put(p + "kept", (double) c.kept());
            summary.put(p + "cut_width", (double) c.cutWidth());
            summary.put(p + "lambda_plus", c.lambdaPlus());
            summary.put(p + "sigma2", c.sigma2());
            summary.put(p + "sigma2_initial", c.sigma2Initial());
            summary.put(p + "ratio", c.ratio());
        }
        summary.put("rmtkd/passes", (double) cuts.stream().mapToInt(CutRecord::pass).max().orElse(0));
        summary.put("distill/epochs", (double) s.distillEpochsRun);
        summary.put("distill/steps", (double) s.distillSteps);
        summary.put("distill/seconds", s.distillSeconds);
    }

    static Map<String, Object> sectionOf(RmtKdSchedule s, Measurement after) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("modelBefore", s.before.model());
        doc.put("modelAfter", after == null ? null : after.model());
        doc.put("stop", s.stop.json());
        doc.put("stopDetail", s.stopDetail);
        doc.put("layers", s.cuts);
        return doc;
    }

    static void write(RmtKdSchedule s, Measurement after) throws IOException {
        CompressSpec spec = s.spec;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", CompressSpec.RMTKD);
        doc.put("model", s.target.checkpointDir().toString());
        doc.put("modelSpec", s.target.modelSpec().text());
        doc.put("modelSpecAfter", after == null ? null : after.model());
        doc.put("dataset", spec.dataset());
        doc.put("stop", s.stop.json());
        doc.put("stopDetail", after == null ? "running" : s.stopDetail);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("quantile", spec.quantile());
        settings.put("calibrationFraction", spec.calibrationFraction());
        settings.put("centre", spec.centre());
        settings.put("tracyWidomMargin", spec.tracyWidomMargin());
        settings.put("alignBasis", spec.alignBasis());
        settings.put("distillEpochs", spec.distillEpochs());
        settings.put("distillAlpha", spec.distillAlpha());
        settings.put("distillTemperature", spec.distillTemperature());
        settings.put("distillLearningRate", spec.healLearningRate());
        settings.put("distillWeightDecay", DISTILL_WEIGHT_DECAY);
        settings.put("minKeepFraction", spec.minKeepFraction());
        settings.put("maxDrop", spec.targetAccuracyDrop());
        settings.put("targetParams", spec.targetParams());
        doc.put("settings", settings);
        doc.put("cuts", s.cuts);
        doc.put("before", s.before);
        doc.put("after", after);
        doc.put("notes", List.of(
                "params/bytes/MACs of the whole model (weights and biases, float32)",
                "validation accuracies are on the training run's held-out split; test accuracy on the test split",
                "a cut narrows layer i to P W_i (bias P b_i) and layer i+1 to W_{i+1} P^T; exact without the ReLU "
                        + "for activations in the kept subspace, approximate with it, healed by distillation"));
        Path file = s.ctx.runDir().resolve(SUMMARY_FILE);
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, Json.write(doc));
    }
}
