package dev.joulebench.compress.rmtkd;

import static dev.joulebench.compress.rmtkd.RmtKdJob.DISTILL_PATIENCE;
import static dev.joulebench.compress.rmtkd.RmtKdJob.DISTILL_WEIGHT_DECAY;
import static dev.joulebench.compress.rmtkd.RmtKdJob.EVAL_BATCH;
import static dev.joulebench.compress.rmtkd.RmtKdJob.MAX_PASSES;
import static dev.joulebench.compress.rmtkd.RmtKdJob.SPECTRA_FILE;
import static dev.joulebench.compress.rmtkd.RmtKdJob.SUMMARY_FILE;

import dev.joulebench.compress.CompressTarget;
import dev.joulebench.compress.rmtkd.RmtKdJob.Measurement;
import dev.joulebench.compress.rmtkd.RmtKdJob.Stop;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run of the {@link RmtKdJob} schedule: its state and results. Sweeps the selected hidden layers, cuts each
 * to its spectrum ({@code cutLayer}) and heals it by distillation; {@link RmtKdMeasure} measures the model
 * before and after and {@link RmtKdSummary} writes the summary numbers and documents.
 */
final class RmtKdSchedule {
    final CompressSpec spec;
    final CompressTarget target;
    final Classifier original;
    final Checkpoint header;
    final ImageDataset test;
    final TrainValidationSplit split;
    final JobContext ctx;
    final Map<String, Double> summary = new LinkedHashMap<>();
    final List<CutRecord> cuts = new ArrayList<>();
    final List<SpectrumReport> spectra = new ArrayList<>();
    final int evalBatch;
    Measurement before;
    Stop stop = Stop.LAYERS_DONE;
    String stopDetail = "every selected layer was looked at";
    long distillSteps;
    int distillEpochsRun;
    double distillSeconds;
    // the state of the schedule: the model accepted so far (the teacher of the next cut) and its figures
    Classifier current;
    MlpWeights weights;
    double currentValidation;
    double baseline;
    long targetParams;
    ImageDataset calibration;
    CutSettings cutSettings;
    DistillSettings distill;
    Path modelDir;
    int analysed;

    RmtKdSchedule(CompressSpec spec, CompressTarget target, Classifier original, Checkpoint header, ImageDataset test,
                  TrainValidationSplit split, JobContext ctx) {
        this.spec = spec;
        this.target = target;
        this.original = original;
        this.header = header;
        this.test = test;
        this.split = split;
        this.ctx = ctx;
        this.evalBatch = Math.max(EVAL_BATCH, spec.batchSize());
    }

    JobResult run() throws Exception {
        before = RmtKdMeasure.measure(this, "before", original, "eval-before");
        RmtKdMeasure.put(summary, before);
        summary.put(JobRunner.INFERENCES + "eval-before", (double) before.inferences());
        baseline = before.validationAccuracy();
        int[] rows = CalibrationSet.rows(split.train().count(), spec.calibrationFraction(), spec.seed());
        calibration = split.train().subset(rows);
        ctx.setting("rmtkd.calibration_samples", String.valueOf(calibration.count()));
        targetParams = targetParams(original.spec().parameterCount());
        cutSettings = new CutSettings(spec.quantile(), spec.centre(), spec.tracyWidomMargin(), spec.alignBasis());
        distill = new DistillSettings(spec.distillEpochs(), spec.batchSize(), spec.healLearningRate(),
                DISTILL_WEIGHT_DECAY, spec.distillAlpha(), spec.distillTemperature(), DISTILL_PATIENCE, spec.seed());
        modelDir = ctx.runDir().resolve("model");
        current = original;
        weights = MlpWeights.of(original);
        currentValidation = baseline;
        try {
            sweep();
            ctx.log("INFO", "rmtkd stopped: " + stop.json() + ": " + stopDetail);
            Path saved = save(current, modelDir, currentValidation);
            ctx.artifact(saved, "RMT-KD model " + current.spec().text() + " (backprop checkpoint)");
            Measurement after = RmtKdMeasure.measure(this, "after", current, "eval-after");
            RmtKdMeasure.put(summary, after);
            summary.put(JobRunner.INFERENCES + "eval-after", (double) after.inferences());
            RmtKdSummary.finish(this, after);
            RmtKdSummary.write(this, after);
            ctx.artifact(ctx.runDir().resolve(SPECTRA_FILE), "activation spectra, MP fits and cuts per layer");
            ctx.artifact(ctx.runDir().resolve(SUMMARY_FILE), "RMT-KD summary: per-layer cuts, before/after");
            ctx.section("rmtkd", RmtKdSummary.sectionOf(this, after));
            return new JobResult(summary);
        } finally {
            if (current != original) {
                current.close();
            }
        }
    }

    boolean targeted() {
        return targetParams != Long.MIN_VALUE;
    }

    private boolean targetReached() {
        return weights.parameterCount() <= targetParams;
    }

    /** Sweeps the selected layers shallow to deep (again while a target is not reached) until a stop. */
    private void sweep() throws Exception {
        List<Integer> hidden = hiddenIndices();
        int passes = targeted() ? MAX_PASSES : 1;
        for (int pass = 1; pass <= passes; pass++) {
            boolean cutInPass = false;
            for (int h : hidden) {
                ctx.cancellation().throwIfCancelled();
                if (targetReached()) {
                    stopAtTarget();
                    return;
                }
                ctx.progress("reading activation spectra (pass " + pass + ")", analysed,
                        (long) passes * hidden.size(), "fc" + (h + 1));
                String outcome = cutLayer(pass, h);
                if (outcome.equals(CutRecord.ACCEPTED)) {
                    cutInPass = true;
                } else if (!outcome.equals(CutRecord.NO_CUT)) {
                    return; // the cut set its stop
                }
            }
            if (!cutInPass) {
                stop(Stop.LAYERS_DONE, pass == 1 ? "no layer's spectrum offered a cut"
                        : "pass " + pass + ": no layer's spectrum offered a further cut");
                return;
            }
        }
        if (targetReached()) {
            stopAtTarget();
        } else if (targeted()) {
            stop(Stop.LAYERS_DONE, passes + " passes over the layers did not reach the target " + targetParams
                    + " (" + weights.parameterCount() + " parameters)");
        }
    }

    private void stopAtTarget() {
        stop(Stop.TARGET_REACHED, "the model has " + weights.parameterCount() + " parameters, at most the target "
                + targetParams);
    }

    /**
     * Reads hidden layer {@code h}'s spectrum in the current model, cuts it, distils the cut and keeps it
     * within the accuracy budget; records it and returns its {@link CutRecord} outcome.
     */
    private String cutLayer(int pass, int h) throws Exception {
        int n = analysed++;
        String layer = "fc" + (h + 1);
        ctx.phase("spectrum");
        long t0 = System.nanoTime();
        int width = weights.layers().get(h).outputs();
        float[] activations = HiddenActivations.collect(current, calibration, h, evalBatch, ctx.cancellation());
        int narrowest = targeted() ? targetWidth(weights, h, targetParams) : 0;
        SpectralCut cut = SpectralCut.of(layer,
                ActivationCovariance.of(activations, calibration.count(), width, spec.centre()), cutSettings,
                narrowest);
        double spectrumSeconds = (System.nanoTime() - t0) / 1e9;
        report(cut, n);
        long paramsBefore = weights.parameterCount();
        int k = cut.width();
        if (k >= width) {
            cuts.add(record(pass, cut, width, paramsBefore, paramsBefore, Double.NaN, Double.NaN, null,
                    spectrumSeconds, CutRecord.NO_CUT));
            ctx.log("INFO", layer + ": " + (cut.kept() >= width ? "all " + width + " eigenvalues lie above the "
                    + "fitted bulk edge" : "the parameter target needs no cut here") + "; left as it is");
            return CutRecord.NO_CUT;
        }
        if (k < 1 || k < spec.minKeepFraction() * width) {
            cuts.add(record(pass, cut, width, paramsBefore, LayerSurgery.narrowedParameterCount(weights, h,
                    Math.max(k, 0)), Double.NaN, Double.NaN, null, spectrumSeconds, CutRecord.BELOW_MIN_KEEP));
            stop(Stop.MIN_KEEP, layer + " would keep " + k + " of " + width + " units, less than the minimum share "
                    + spec.minKeepFraction());
            return CutRecord.BELOW_MIN_KEEP;
        }
        MlpWeights narrowed = LayerSurgery.narrow(weights, h, cut.projection(), k, spec.centre() ? cut.mean() : null);
        Classifier student = narrowed.toClassifier(original.classNames(), original.device());
        boolean kept = false;
        try {
            ctx.phase("eval");
            double validationCut = student.evaluate(split.validation(), evalBatch, ctx.cancellation()).accuracy();
            ctx.metric(n, -1, "rmtkd/val_accuracy_cut", validationCut);
            ctx.log("INFO", String.format(Locale.ROOT, "%s: %d -> %d units (%d above lambda+ %.4g, sigma2 %.4g), "
                    + "validation accuracy %.4f before distillation", layer, width, k, cut.kept(),
                    cut.fit().lambdaPlus(), cut.fit().sigma2(), validationCut));
            Distillation.Outcome distilled = null;
            double validation = validationCut;
            if (distill.epochs() > 0) {
                distilled = Distillation.run(student, current, split.train(), split.validation(), distill, ctx);
                distillSteps += distilled.steps();
                distillEpochsRun += distilled.epochsRun();
                distillSeconds += distilled.seconds();
                validation = Double.isNaN(distilled.bestValidation())
                        ? student.evaluate(split.validation(), evalBatch, ctx.cancellation()).accuracy()
                        : distilled.bestValidation();
            }
            ctx.metric(n, -1, "rmtkd/val_accuracy", validation);
            boolean withinBudget = baseline - validation <= spec.targetAccuracyDrop() + 1e-12;
            String outcome = withinBudget ? CutRecord.ACCEPTED : CutRecord.REJECTED_ACCURACY;
            cuts.add(record(pass, cut, withinBudget ? k : width, paramsBefore, narrowed.parameterCount(),
                    validationCut, validation, distilled, spectrumSeconds, outcome));
            if (!withinBudget) {
                stop(Stop.ACCURACY_BUDGET, String.format(Locale.ROOT, "after cutting %s the validation accuracy is "
                        + "%.4f, %.4f below the original's %.4f (budget %.4f); kept the model before that cut",
                        layer, validation, baseline - validation, baseline, spec.targetAccuracyDrop()));
                return outcome;
            }
            kept = true;
            if (current != original) {
                current.close();
            }
            current = student;
            weights = MlpWeights.of(student);
            currentValidation = validation;
            ctx.metric(n, -1, "rmtkd/params", weights.parameterCount());
            save(current, modelDir, currentValidation); // a cancelled run keeps the last accepted cut
            RmtKdSummary.write(this, null);
            return outcome;
        } finally {
            if (!kept) {
                student.close();
            }
        }
    }

    private void stop(Stop reason, String detail) {
        stop = reason;
        stopDetail = detail;
    }

    /** The selected hidden layers' 0-based indices, shallow to deep; the output layer cannot be narrowed. */
    List<Integer> hiddenIndices() {
        int hiddenLayers = ((ModelSpec.Mlp) original.spec()).sizes().size() - 2;
        List<Integer> out = new ArrayList<>();
        for (String l : target.layers()) {
            int index = Integer.parseInt(l.substring(2)) - 1;
            if (index >= hiddenLayers) {
                throw new BadInputException(l + " is the output layer: its width is the number of classes");
            }
            out.add(index);
        }
        out.sort(null);
        return out;
    }

    /** The parameter target as a count; {@code Long.MIN_VALUE} (never reached) without one. */
    private long targetParams(long originalParams) {
        Double t = spec.targetParams();
        if (t == null) {
            return Long.MIN_VALUE;
        }
        return t <= 1 ? Math.round(t * originalParams) : Math.round(t);
    }

    /** Rewrites {@code spectra/rmtkd.json} after each layer's spectrum, so the app draws it while the job runs. */
    private void report(SpectralCut cut, int n) throws IOException {
        SpectrumReport r = SpectrumReport.of(cut);
        spectra.add(r);
        Files.createDirectories(ctx.runDir().resolve(SPECTRA_FILE).getParent());
        AtomicFiles.writeString(ctx.runDir().resolve(SPECTRA_FILE), Json.write(spectra));
        String p = "rmtkd/" + cut.layer() + "/";
        ctx.metric(n, -1, p + "width", cut.features());
        ctx.metric(n, -1, p + "kept", cut.kept());
        ctx.metric(n, -1, p + "lambda_plus", cut.fit().lambdaPlus());
        ctx.metric(n, -1, p + "sigma2", cut.fit().sigma2());
        ctx.metric(n, -1, "rmtkd/cut", n + 1);
        double[] ev = cut.eigenvalues();
        ctx.events().emit(new RunEvent.SpectrumSnapshot(ctx.runId(), ctx.elapsed(), n, -1, cut.layer(),
                "activation", Arrays.copyOf(ev, Math.min(8, ev.length)),
                Map.of("sigma2", cut.fit().sigma2(), "lambda_plus", cut.fit().lambdaPlus(),
                        "kept", (double) cut.kept(), "width", (double) cut.features()), SPECTRA_FILE));
    }

    private CutRecord record(int pass, SpectralCut cut, int widthAfter, long paramsBefore, long paramsAfter,
                             double validationCut, double validationDistilled, Distillation.Outcome distilled,
                             double spectrumSeconds, String outcome) {
        return new CutRecord(pass, cut.layer(), cut.features(), cut.kept(), cut.width(), widthAfter, cut.samples(),
                cut.liveFeatures(), cut.ratio(), cut.fit().sigma2Initial(), cut.fit().sigma2(), cut.fit().lambdaPlus(),
                cut.margin(), cut.fit().bulkWeight(), paramsBefore, paramsAfter, validationCut, validationDistilled,
                distilled == null ? 0 : distilled.epochsRun(), distilled == null ? 0 : distilled.steps(),
                spectrumSeconds, distilled == null ? 0 : distilled.seconds(), outcome);
    }

    /**
     * The width of hidden layer {@code h} at which the model has at most {@code target} parameters, the
     * widest such (each unit costs its inputs, its bias and one weight per next-layer output); 0 when no
     * width of this layer alone reaches it.
     */
    private int targetWidth(MlpWeights weights, int h, long target) {
        MlpWeights.Dense layer = weights.layers().get(h);
        long perUnit = layer.inputs() + 1L + weights.layers().get(h + 1).outputs();
        long excess = weights.parameterCount() - target;
        long remove = (excess + perUnit - 1) / perUnit;
        return (int) Math.max(0, layer.outputs() - remove);
    }

    private Path save(Classifier net, Path dir, double validationAccuracy) throws IOException {
        return net.save(dir, Checkpoint.of(Checkpoint.BACKPROP, net.spec().text(), net.classNames(),
                header.dataset(), header.split(), 0, validationAccuracy, null));
    }
}
