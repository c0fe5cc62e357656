package dev.joulebench.compress.rmtkd;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.Device;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.CancelledException;
import dev.joulebench.core.JobContext;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import dev.joulebench.train.EarlyStopping;
import dev.joulebench.train.MetricsListener;
import dev.joulebench.train.ProgressListener;
import dev.joulebench.train.TrainableNetwork;
import dev.joulebench.train.TrainingListener;
import dev.joulebench.train.TrainingLoop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Self-distillation of a narrowed student from the network before its cut, on the shared
 * {@link TrainingLoop}: one AdamW step per batch on {@link DistillationLoss}, the teacher's logits computed
 * without gradients, a validation pass per epoch, and the best validation epoch's weights kept (early stopping
 * after {@code patience} epochs without improvement). Metrics are the loop's under {@code distill/}
 * ({@code distill/loss}, {@code distill/epoch_loss}, {@code distill/ce}, {@code distill/kl},
 * {@code distill/val_accuracy}, ...). Neither network is closed here.
 */
public final class Distillation implements TrainableNetwork {
    /** Metric prefix of the training figures; validation figures use {@link #VAL_PREFIX}. */
    public static final String PREFIX = "distill/";
    public static final String VAL_PREFIX = "distill/val_";
    private static final int EVAL_BATCH = 256;

    /**
     * @param epochsRun      epochs trained
     * @param steps          optimizer steps
     * @param bestEpoch      0-based epoch whose weights were kept, -1 without validation
     * @param bestValidation its validation accuracy (NaN without validation)
     */
    public record Outcome(int epochsRun, long steps, int bestEpoch, double bestValidation, double seconds) {}

    private final Classifier student;
    private final Classifier teacher;
    private final DistillationLoss loss;
    private final Trainer trainer;
    private final float[] features;
    private final int[] labels;
    private final int evalBatch;

    Distillation(Classifier student, Classifier teacher, DistillSettings settings) {
        this.student = student;
        this.teacher = teacher;
        this.loss = new DistillationLoss(settings.alpha(), settings.temperature());
        Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-8f).optWeightDecays((float) settings.weightDecay())
                .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(adamW)
                .optDevices(new Device[] {student.device()});
        this.trainer = student.model().newTrainer(config);
        trainer.initialize(student.batchShape(settings.batchSize()));
        this.features = new float[Math.multiplyExact(settings.batchSize(), student.spec().inputFeatures())];
        this.labels = new int[settings.batchSize()];
        this.evalBatch = Math.max(settings.batchSize(), EVAL_BATCH);
    }

    /**
     * Distils {@code student} from {@code teacher} on {@code train}, validating on {@code validation}; the
     * student ends with its best validation epoch's weights.
     *
     * @throws CancelledException when the run is cancelled (the student then holds its last step's weights)
     */
    public static Outcome run(Classifier student, Classifier teacher, ImageDataset train, ImageDataset validation,
                              DistillSettings settings, JobContext ctx) throws Exception {
        int batch = Math.max(1, Math.min(settings.batchSize(), train.count()));
        DistillSettings s = new DistillSettings(settings.epochs(), batch, settings.learningRate(),
                settings.weightDecay(), settings.alpha(), settings.temperature(), settings.patience(), settings.seed());
        BestEpochWeights best = new BestEpochWeights(s.patience());
        TrainingLoop loop = new TrainingLoop(new TrainingLoop.Config(s.epochs(), batch, s.seed(), PREFIX, VAL_PREFIX),
                List.of(new MetricsListener(), new ProgressListener("distilling epoch"), best));
        long t0 = System.nanoTime();
        try (Distillation d = new Distillation(student, teacher, s)) {
            TrainingLoop.Outcome o = loop.run(d, train, validation, ctx);
            return new Outcome(o.epochsRun(), o.steps(), o.bestEpoch(), o.bestValidationAccuracy(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    @Override
    public Step step(ImageDataset train, int[] rows, int epoch) {
        float total;
        float ce;
        float kl;
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDList xy = student.batch(m, train, rows, features, labels);
            NDArray x = xy.get(0);
            // outside the gradient collector: the teacher's logits are constants of the student's loss
            NDArray teacherLogits = teacher.model().getBlock()
                    .forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray studentLogits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDList terms = loss.terms(studentLogits, teacherLogits, xy.get(1));
                gc.backward(terms.get(0));
                total = terms.get(0).getFloat();
                ce = terms.get(1).getFloat();
                kl = terms.get(2).getFloat();
            }
            trainer.step();
        }
        return new Step(total, Map.of("ce", (double) ce, "kl", (double) kl));
    }

    @Override
    public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
        Classifier.Evaluation e = student.evaluate(data, evalBatch, cancellation);
        return new Scores(e.count(), e.accuracy(), e.meanLoss(), Map.of(), e.seconds());
    }

    @Override
    public long parameterCount() {
        return student.spec().parameterCount();
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
        student.model().getBlock().saveParameters(out);
    }

    @Override
    public void loadWeights(DataInputStream in) throws IOException, MalformedModelException {
        student.model().getBlock().loadParameters(student.model().getNDManager(), in);
    }

    /** Closes the trainer (optimizer state) only: student and teacher stay the caller's. */
    @Override
    public void close() {
        trainer.close();
    }

    /**
     * Early stopping with the best epoch's weights kept in memory (a narrowed MLP is a few MB), restored at
     * the end: the student leaves distillation as its best validated self without writing scratch checkpoints.
     */
    static final class BestEpochWeights implements TrainingListener, TrainingLoop.BestEpoch {
        private final EarlyStopping stopping;
        private byte[] best;
        private int lastEpoch = -1;

        BestEpochWeights(int patience) {
            this.stopping = new EarlyStopping(patience);
        }

        @Override
        public void onEpoch(TrainingLoop.State state, TrainingLoop.Epoch e) throws IOException {
            lastEpoch = e.index();
            if (e.validation() != null && stopping.update(e.index(), e.validation().accuracy())) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (DataOutputStream out = new DataOutputStream(bytes)) {
                    state.network().saveWeights(out);
                }
                best = bytes.toByteArray();
            }
        }

        @Override
        public boolean stopRequested() {
            return best != null && stopping.shouldStop();
        }

        @Override
        public void onTrainingEnd(TrainingLoop.State state) throws Exception {
            if (best != null && stopping.bestEpoch() != lastEpoch) {
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(best))) {
                    state.network().loadWeights(in);
                }
                state.ctx().log("INFO", "distillation: kept the best epoch " + (stopping.bestEpoch() + 1)
                        + " (validation accuracy " + stopping.best() + ")");
            }
        }

        @Override
        public int bestEpoch() {
            return best == null ? -1 : stopping.bestEpoch();
        }

        @Override
        public double bestValidationAccuracy() {
            return best == null ? Double.NaN : stopping.best();
        }
    }
}
