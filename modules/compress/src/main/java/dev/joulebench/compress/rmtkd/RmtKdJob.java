package dev.joulebench.compress.rmtkd;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.compress.CompressTarget;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;

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
    static final int EVAL_BATCH = 256;

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
            return new RmtKdSchedule(spec, target, original, header, files.test(), split, ctx).run();
        }
    }
}
