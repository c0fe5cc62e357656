package dev.joulebench.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A classification network on DJL: the {@link ModelSpec}, its DJL model (native memory: close it),
 * evaluation, and checkpoint save/load in {@code model/}.
 */
public final class Classifier implements AutoCloseable {
    private final ModelSpec spec;
    private final List<String> classNames;
    private final Model model;
    private final Device device;

    public Classifier(ModelSpec spec, List<String> classNames, Device device) {
        this.spec = spec;
        this.classNames = List.copyOf(classNames);
        this.device = device;
        this.model = Model.newInstance(spec.text(), device, TorchEngine.NAME);
        model.setBlock(Networks.build(spec));
        model.setDataType(DataType.FLOAT32);
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<String> classNames() {
        return classNames;
    }

    public Model model() {
        return model;
    }

    public Device device() {
        return device;
    }

    /** Input shape of a batch of {@code n} flattened samples. */
    public Shape batchShape(int n) {
        return new Shape(n, spec.inputFeatures());
    }

    /** Loads features and labels of the given rows onto this model's device, in {@code manager}. */
    public NDList batch(NDManager manager, ImageDataset data, int[] rows, float[] featureBuffer, int[] labelBuffer) {
        data.fillFeatures(rows, featureBuffer);
        data.fillLabels(rows, labelBuffer);
        float[] x = featureBuffer.length == rows.length * spec.inputFeatures() ? featureBuffer
                : java.util.Arrays.copyOf(featureBuffer, rows.length * spec.inputFeatures());
        long[] y = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labelBuffer[i];
        }
        return new NDList(manager.create(x, batchShape(rows.length)), manager.create(y));
    }

    /** Accuracy and mean cross-entropy over all rows of {@code data}, without gradients. */
    public Evaluation evaluate(ImageDataset data, int batchSize, CancellationToken cancellation) {
        checkCompatible(data);
        ParameterStore params = new ParameterStore(model.getNDManager(), false);
        float[] features = new float[batchSize * spec.inputFeatures()];
        int[] labels = new int[batchSize];
        long correct = 0;
        double lossSum = 0;
        long t0 = System.nanoTime();
        for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList xy = batch(m, data, rows, features, labels);
                NDArray logits = model.getBlock().forward(params, new NDList(xy.get(0)), false).singletonOrThrow();
                correct += logits.argMax(1).eq(xy.get(1)).countNonzero().getLong();
                NDArray logp = logits.logSoftmax(1);
                lossSum -= logp.gather(xy.get(1).reshape(-1, 1), 1).sum().getFloat();
            }
        }
        return new Evaluation(data.count(), correct, lossSum / Math.max(1, data.count()), (System.nanoTime() - t0) / 1e9);
    }

    public void checkCompatible(ImageDataset data) {
        if (data.featureCount() != spec.inputFeatures()) {
            throw new BadInputException("Model " + spec.text() + " takes " + spec.inputFeatures()
                    + " input values but dataset '" + data.name() + "' has " + data.featureCount() + " per image ("
                    + data.channels() + "x" + data.height() + "x" + data.width() + ")");
        }
        if (data.classes() != spec.classes()) {
            throw new BadInputException("Model " + spec.text() + " has " + spec.classes() + " outputs but dataset '"
                    + data.name() + "' has " + data.classes() + " classes; make the last number " + data.classes());
        }
    }

    /** Initialises fresh parameters (used before loading weights into a new instance). */
    public void initializeParameters() {
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, batchShape(1));
    }

    /** Writes the parameters and {@code checkpoint.json} (the header given, method bp) into {@code dir}. */
    public Path save(Path dir, Checkpoint header) throws IOException {
        return CheckpointFiles.write(dir, header, out -> model.getBlock().saveParameters(out));
    }

    /** Writes the parameters into {@code dir} under a plain backprop header (no split, no payload). */
    public Path save(Path dir, String dataset, int epoch, Double validationAccuracy) throws IOException {
        return save(dir, Checkpoint.of(Checkpoint.BACKPROP, spec.text(), classNames, dataset, null, epoch,
                validationAccuracy, null));
    }

    /** Replaces this model's parameters with those of the checkpoint in {@code dir}. */
    public void loadParameters(Path dir) throws IOException {
        CheckpointFiles.readWeights(dir, Checkpoint.read(dir),
                in -> model.getBlock().loadParameters(model.getNDManager(), in));
    }

    /** Rebuilds the backprop network a checkpoint directory describes and loads its weights. */
    public static Classifier load(Path dir, Device device) throws IOException {
        Checkpoint cp = Checkpoint.read(dir, Checkpoint.BACKPROP);
        Classifier c = new Classifier(cp.modelSpec(), cp.classNames(), device);
        try {
            c.initializeParameters();
            c.loadParameters(dir);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** @param seconds wall time of the whole pass */
    public record Evaluation(long count, long correct, double meanLoss, double seconds) {
        public double accuracy() {
            return count == 0 ? Double.NaN : (double) correct / count;
        }
    }
}
