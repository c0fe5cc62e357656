package dev.joulebench.compress.rmtkd;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.compress.CompressTarget;
import dev.joulebench.compress.CompressedNetwork;
import dev.joulebench.compress.ModelCost;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
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
 * RMT-KD (Ettori et al. 2025) on an {@code mlp:} backprop checkpoint: cuts its hidden layers, shallow to deep,
 * to the directions their activation spectra say carry signal, and heals each cut by self-distillation.
 *
 * <p>Per selected hidden layer: its activations on a seeded {@code calibrationFraction} of the recorded
 * training split, their covariance, the Marchenko-Pastur bulk fitted to its spectrum ({@link SpectralCut}),
 * the layer narrowed to the {@code k} eigenvectors above the bulk edge ({@link LayerSurgery}), then
 * {@code distillEpochs} of distillation from the model before the cut ({@link Distillation}). The schedule stops
 * when the model is at most {@code targetParams}, when a cut would keep fewer than {@code minKeepFraction} of
 * a layer's units, or when the validation accuracy after distillation is more than {@code targetAccuracyDrop}
 * below the original's; that last cut is then discarded and the model before it kept. A layer whose spectrum
 * has no bulk below its top ({@code k = d}) is left as it is.
 *
 * <p>Without a parameter target the layers are swept once: each keeps what its spectrum says. With one, a cut
 * that would go below the target is limited to the widest width that reaches it (the next eigenvectors by
 * eigenvalue are kept too), and while the target is not reached the layers are swept again, up to
 * {@value #MAX_PASSES} times, each sweep reading the spectra of the narrowed, distilled layers; a sweep that
 * cuts nothing ends the schedule.
 *
 * <p>The result is a plain {@code mlp:} network with the new widths, saved as a normal backprop checkpoint in
 * {@code model/} (the original's dataset and split recorded), so eval, export, inspect and compare take the run
 * like a training run. The run also writes {@code compress/summary.json} (per-layer table, stop reason,
 * before/after), {@code spectra/rmtkd.json} (each layer's ESD, MP fit and cut) and, in run.json, the summary
 * numbers ({@code before/...}, {@code after/...}, {@code rmtkd/<layer>/...}, {@code distill/...}). Test accuracy,
 * latency and throughput are measured before and after as for the other methods, in the phases
 * {@code eval-before} and {@code eval-after} with their inference counts (energy per 1,000 inferences).
 */
public final class RmtKdJob implements Job {
    public static final String SUMMARY_FILE = "compress/summary.json";
    public static final String SPECTRA_FILE = "spectra/rmtkd.json";
    /** Untimed batches before each timed pass, as in the other compress jobs. */
    static final int WARMUP_BATCHES = 2;
    /** Distillation stops after this many epochs without a better validation accuracy. */
    static final int DISTILL_PATIENCE = 2;
    /** Sweeps over the layers with a parameter target; one sweep without. */
    static final int MAX_PASSES = 3;
    /** AdamW's decoupled weight decay during distillation (PyTorch's default). */
    static final double DISTILL_WEIGHT_DECAY = 0.01;
    private static final int EVAL_BATCH = 256;

    /** Why the schedule ended. */
    public enum Stop {
        /** the model reached the parameter target */
        TARGET_REACHED("target-reached"),
        /** every selected layer was looked at */
        LAYERS_DONE("layers-done"),
        /** a cut would have kept fewer units than the minimum share */
        MIN_KEEP("min-keep"),
        /** the last cut lost more validation accuracy than the budget; the model before it was kept */
        ACCURACY_BUDGET("accuracy-budget");

        private final String json;

        Stop(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    /** One network's measured figures on the test split; {@code stage} is before or after. */
    public record Measurement(String stage, String model, long params, long bytes, long macs, double testAccuracy,
                              double testLoss, double validationAccuracy, double latencyP50Millis,
                              double samplesPerSecond, long inferences) {
        @com.fasterxml.jackson.annotation.JsonIgnore
        public ModelSpec modelSpec() {
            return ModelSpec.parse(model);
        }
    }

    private final CompressSpec spec;
    private final CompressTarget target;
    private final DatasetCatalog catalog;

    public RmtKdJob(CompressSpec spec, CompressTarget target, DatasetCatalog catalog) {
        this.spec = spec;
        this.target = target;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        if (!(target.modelSpec() instanceof ModelSpec.Mlp)) {
            throw new BadInputException("rmtkd cuts the hidden layers of mlp: models; " + target.modelSpec().text()
                    + " is not one");
        }
        if (target.split() == null) {
            throw new BadInputException("The checkpoint records no training split: rmtkd calibrates on the rows it "
                    + "trained on and checks accuracy on the rows it held out (train the model again)");
        }
        DatasetFiles files = catalog.load(spec.dataset());
        TrainValidationSplit split = TrainValidationSplit.replay(files.train(), target.split());
        ctx.section(SplitRecord.SECTION, split.record());
        ctx.setting("dataset.location", files.location().toString());
        ctx.setting("checkpoint", target.checkpointDir().toString());
        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));
        ctx.setting("compress.layers", String.join(",", target.layers()));
        Checkpoint header = Checkpoint.read(target.checkpointDir(), Checkpoint.BACKPROP);
        try (Classifier original = Classifier.load(target.checkpointDir(), device)) {
            original.checkCompatible(files.test());
            return new Schedule(original, header, files.test(), split, ctx).run();
        }
    }

    /** One run of the schedule: its state and results. */
    private final class Schedule {
        private final Classifier original;
        private final Checkpoint header;
        private final ImageDataset test;
        private final TrainValidationSplit split;
        private final JobContext ctx;
        private final Map<String, Double> summary = new LinkedHashMap<>();
        private final List<CutRecord> cuts = new ArrayList<>();
        private final List<SpectrumReport> spectra = new ArrayList<>();
        private final int evalBatch;
        private Measurement before;
        private Stop stop = Stop.LAYERS_DONE;
        private String stopDetail = "every selected layer was looked at";
        private long distillSteps;
        private int distillEpochsRun;
        private double distillSeconds;
        // the state of the schedule: the model accepted so far (the teacher of the next cut) and its figures
        private Classifier current;
        private MlpWeights weights;
        private double currentValidation;
        private double baseline;
        private long targetParams;
        private ImageDataset calibration;
        private CutSettings cutSettings;
        private DistillSettings distill;
        private Path modelDir;
        private int analysed;

        Schedule(Classifier original, Checkpoint header, ImageDataset test, TrainValidationSplit split, JobContext ctx) {
            this.original = original;
            this.header = header;
            this.test = test;
            this.split = split;
            this.ctx = ctx;
            this.evalBatch = Math.max(EVAL_BATCH, spec.batchSize());
        }

        JobResult run() throws Exception {
            before = measure("before", original, "eval-before");
            put(before);
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
                Measurement after = measure("after", current, "eval-after");
                put(after);
                summary.put(JobRunner.INFERENCES + "eval-after", (double) after.inferences());
                finish(after);
                writeSummary(after);
                Files.createDirectories(ctx.runDir().resolve(SPECTRA_FILE).getParent());
                AtomicFiles.writeString(ctx.runDir().resolve(SPECTRA_FILE), Json.write(spectra));
                ctx.artifact(ctx.runDir().resolve(SPECTRA_FILE), "activation spectra, MP fits and cuts per layer");
                ctx.artifact(ctx.runDir().resolve(SUMMARY_FILE), "RMT-KD summary: per-layer cuts, before/after");
                ctx.section("rmtkd", sectionOf(after));
                return new JobResult(summary);
            } finally {
                if (current != original) {
                    current.close();
                }
            }
        }

        private boolean targeted() {
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
                writeSummary(null);
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
        private List<Integer> hiddenIndices() {
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

        private void report(SpectralCut cut, int n) {
            SpectrumReport r = SpectrumReport.of(cut);
            spectra.add(r);
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

        /** Test accuracy, loss, latency and throughput as the other compress jobs measure them; validation accuracy too. */
        private Measurement measure(String stage, Classifier net, String phase) {
            ctx.phase(phase);
            ctx.progress("evaluating " + stage, 0, test.count(), null);
            int batch = Math.max(1, Math.min(spec.batchSize(), test.count()));
            try (CompressedNetwork dense = CompressedNetwork.of(net, Map.of())) {
                ImageDataset warmup = test.head(Math.min(test.count(), WARMUP_BATCHES * batch));
                dense.evaluate(warmup, batch, ctx.cancellation());
                CompressedNetwork.Evaluation e = dense.evaluate(test, batch, ctx.cancellation());
                ctx.progress("evaluating " + stage, test.count(), test.count(), null);
                ctx.metric(0, -1, stage + "/test_accuracy", e.accuracy());
                ctx.phase("eval");
                double validation = net.evaluate(split.validation(), evalBatch, ctx.cancellation()).accuracy();
                ModelSpec s = net.spec();
                return new Measurement(stage, s.text(), s.parameterCount(), ModelCost.bytes(s),
                        ModelCost.multiplyAccumulates(s), e.accuracy(), e.meanLoss(), validation, e.p50BatchMillis(),
                        e.samplesPerSecond(), e.count() + warmup.count());
            }
        }

        private void put(Measurement m) {
            String p = m.stage() + "/";
            summary.put(p + "params", (double) m.params());
            summary.put(p + "bytes", (double) m.bytes());
            summary.put(p + "macs", (double) m.macs());
            summary.put(p + "test_accuracy", m.testAccuracy());
            summary.put(p + "test_loss", m.testLoss());
            summary.put(p + "val_accuracy", m.validationAccuracy());
            summary.put(p + "latency_p50_ms", m.latencyP50Millis());
            summary.put(p + "samples_per_second", m.samplesPerSecond());
        }

        private void finish(Measurement after) {
            summary.put("compression/params_ratio", (double) after.params() / before.params());
            summary.put("compression/bytes_ratio", (double) after.bytes() / before.bytes());
            summary.put("compression/macs_ratio", (double) after.macs() / before.macs());
            summary.put("test/accuracy_drop", before.testAccuracy() - after.testAccuracy());
            summary.put("val/accuracy_drop", before.validationAccuracy() - after.validationAccuracy());
            summary.put("rmtkd/cuts", (double) cuts.stream().filter(c -> c.outcome().equals(CutRecord.ACCEPTED)).count());
            summary.put("rmtkd/layers_analysed", (double) cuts.size());
            if (targeted()) {
                summary.put("rmtkd/target_params", (double) targetParams);
                summary.put("rmtkd/target_reached", after.params() <= targetParams ? 1.0 : 0.0);
            }
            summary.put("rmtkd/calibration_samples", (double) calibration.count());
            ModelSpec.Mlp first = (ModelSpec.Mlp) before.modelSpec();
            ModelSpec.Mlp last = (ModelSpec.Mlp) after.modelSpec();
            for (int h : hiddenIndices()) {
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
            summary.put("distill/epochs", (double) distillEpochsRun);
            summary.put("distill/steps", (double) distillSteps);
            summary.put("distill/seconds", distillSeconds);
        }

        private Map<String, Object> sectionOf(Measurement after) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("modelBefore", before.model());
            doc.put("modelAfter", after == null ? null : after.model());
            doc.put("stop", stop.json());
            doc.put("stopDetail", stopDetail);
            doc.put("layers", cuts);
            return doc;
        }

        private void writeSummary(Measurement after) throws IOException {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("method", CompressSpec.RMTKD);
            doc.put("model", target.checkpointDir().toString());
            doc.put("modelSpec", target.modelSpec().text());
            doc.put("modelSpecAfter", after == null ? null : after.model());
            doc.put("dataset", spec.dataset());
            doc.put("stop", stop.json());
            doc.put("stopDetail", after == null ? "running" : stopDetail);
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
            doc.put("cuts", cuts);
            doc.put("before", before);
            doc.put("after", after);
            doc.put("notes", List.of(
                    "params/bytes/MACs of the whole model (weights and biases, float32)",
                    "validation accuracies are on the training run's held-out split; test accuracy on the test split",
                    "a cut narrows layer i to P W_i (bias P b_i) and layer i+1 to W_{i+1} P^T; exact without the ReLU "
                            + "for activations in the kept subspace, approximate with it, healed by distillation"));
            Path file = ctx.runDir().resolve(SUMMARY_FILE);
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, Json.write(doc));
        }
    }
}
