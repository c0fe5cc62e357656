package dev.joulebench.compress;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.compress.tensor.Int8Quantizer;
import dev.joulebench.compress.tensor.LowRankFactors;
import dev.joulebench.compress.tensor.Mpo;
import dev.joulebench.compress.tensor.MpoCore;
import dev.joulebench.compress.tensor.MpoShape;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.Networks;
import dev.joulebench.nn.TorchEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Joulebench network (mlp or cnn from {@link ModelSpec}) in which some dense layers are replaced by their
 * compressed forms; conv layers and the other dense layers are kept as they are. Dense layers are named
 * {@code fc1, fc2, ...} in network order. Native memory: close it.
 */
public final class CompressedNetwork implements AutoCloseable {
    /** The file in {@code model/} that describes the structure; the weights sit beside it. */
    public static final String FILE = "compressed.json";
    public static final String FORMAT = "joulebench-compressed";

    /**
     * The structure of one replaced layer, enough to rebuild it before loading weights.
     *
     * @param kind mpo (an {@link MpoLinear}), factors (two dense layers) or dense (same shape as before)
     */
    public record Structure(String layer, String kind, int inputs, int outputs, int[] rowFactors, int[] colFactors,
                            int[] bonds, Integer rank) {
        static Structure of(String layer, int inputs, int outputs, Replacement r) {
            if (r instanceof Replacement.MpoCores m) {
                MpoShape s = m.mpo().shape();
                return new Structure(layer, "mpo", inputs, outputs, s.rowFactors(), s.colFactors(), m.mpo().bonds(), null);
            }
            if (r instanceof Replacement.Factors f) {
                return new Structure(layer, "factors", inputs, outputs, null, null, null, f.factors().left().cols());
            }
            return new Structure(layer, "dense", inputs, outputs, null, null, null, null);
        }
    }

    /** @param p50BatchMillis median wall time of one batch's forward pass */
    public record Evaluation(long count, long correct, double meanLoss, double seconds, double p50BatchMillis,
                             int batchSize) {
        public double accuracy() {
            return count == 0 ? Double.NaN : (double) correct / count;
        }

        public double samplesPerSecond() {
            return seconds > 0 ? count / seconds : Double.NaN;
        }
    }

    private final ModelSpec spec;
    private final List<String> classNames;
    private final Device device;
    private final Model model;
    private final SequentialBlock block;
    private final Map<String, Structure> structure;
    /** dense-layer name → child block in {@link #block} (a Linear, an MpoLinear or a two-Linear block) */
    private final Map<String, Block> layerBlocks = new LinkedHashMap<>();
    private final Map<String, NDArray> masks = new LinkedHashMap<>();

    CompressedNetwork(ModelSpec spec, List<String> classNames, Device device, List<Structure> layers) {
        this.spec = spec;
        this.classNames = List.copyOf(classNames);
        this.device = device;
        this.structure = new LinkedHashMap<>();
        layers.forEach(s -> structure.put(s.layer(), s));
        this.block = new SequentialBlock();
        int dense = 0;
        for (Pair<String, Block> child : ((SequentialBlock) Networks.build(spec)).getChildren()) {
            Block b = child.getValue();
            if (b instanceof Linear) {
                String name = "fc" + (++dense);
                Structure s = structure.get(name);
                b = s == null ? b : replacementBlock(s);
                layerBlocks.put(name, b);
            }
            block.add(b);
        }
        for (String name : structure.keySet()) {
            if (!layerBlocks.containsKey(name)) {
                throw new BadInputException("Model " + spec.text() + " has no dense layer '" + name + "'; its dense "
                        + "layers are " + String.join(", ", layerBlocks.keySet()));
            }
        }
        this.model = Model.newInstance("compressed-" + spec.text(), device, TorchEngine.NAME);
        model.setBlock(block);
        model.setDataType(DataType.FLOAT32);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, spec.inputFeatures()));
    }

    private static Block replacementBlock(Structure s) {
        return switch (s.kind()) {
            case "mpo" -> new MpoLinear(s.rowFactors(), s.colFactors(), s.bonds());
            case "factors" -> new SequentialBlock()
                    .add(Linear.builder().setUnits(s.rank()).optBias(false).build())
                    .add(Linear.builder().setUnits(s.outputs()).build());
            default -> Linear.builder().setUnits(s.outputs()).build();
        };
    }

    /**
     * The network of {@code original} with the given layers replaced: every other parameter (conv layers,
     * dense layers left alone) is copied from the original, which may be closed afterwards.
     */
    public static CompressedNetwork of(Classifier original, Map<String, Replacement> replacements) {
        Map<String, DenseLayer> dense = new LinkedHashMap<>();
        DenseLayer.of(original).forEach(d -> dense.put(d.name(), d));
        List<Structure> layers = new ArrayList<>();
        for (var e : replacements.entrySet()) {
            DenseLayer d = dense.get(e.getKey());
            if (d == null) {
                throw new BadInputException("Model " + original.spec().text() + " has no dense layer '" + e.getKey()
                        + "'; its dense layers are " + String.join(", ", dense.keySet()));
            }
            layers.add(Structure.of(e.getKey(), d.weight().rows(), d.weight().cols(), e.getValue()));
        }
        CompressedNetwork net = new CompressedNetwork(original.spec(), original.classNames(), original.device(), layers);
        try {
            var originalChildren = original.model().getBlock().getChildren();
            var children = net.block.getChildren();
            int denseIndex = 0;
            for (int i = 0; i < children.size(); i++) {
                Block mine = children.get(i).getValue();
                Block theirs = originalChildren.get(i).getValue();
                String name = theirs instanceof Linear ? "fc" + (++denseIndex) : null;
                if (name != null && replacements.containsKey(name)) {
                    net.setReplacement(name, replacements.get(name), dense.get(name).bias());
                } else {
                    copyParameters(theirs, mine);
                }
            }
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    private static void copyParameters(Block from, Block to) {
        var a = from.getParameters();
        var b = to.getParameters();
        for (int i = 0; i < a.size(); i++) {
            b.get(i).getValue().getArray().set(a.get(i).getValue().getArray().toFloatArray());
        }
    }

    private void setReplacement(String name, Replacement r, float[] bias) {
        Block b = layerBlocks.get(name);
        if (r instanceof Replacement.MpoCores m) {
            MpoLinear layer = (MpoLinear) b;
            layer.setCores(m.mpo().cores());
            layer.setBias(bias);
        } else if (r instanceof Replacement.Factors f) {
            LowRankFactors lr = f.factors();
            var parts = b.getChildren();
            Linear first = (Linear) parts.get(0).getValue();
            Linear second = (Linear) parts.get(1).getValue();
            first.getParameters().get("weight").getArray().set(lr.left().transpose().values()); // (r, in)
            second.getParameters().get("weight").getArray().set(lr.right().transpose().values()); // (out, r)
            second.getParameters().get("bias").getArray().set(bias);
        } else if (r instanceof Replacement.Dense d) {
            Linear linear = (Linear) b;
            linear.getParameters().get("weight").getArray().set(d.weight().transpose().values());
            linear.getParameters().get("bias").getArray().set(bias);
            if (d.mask() != null) {
                NDArray mask = model.getNDManager().create(DenseMatrix.of(d.weight().rows(), d.weight().cols(),
                        d.mask()).transpose().values(), new Shape(d.weight().cols(), d.weight().rows()));
                masks.put(name, mask);
            }
        }
    }

    public ModelSpec spec() {
        return spec;
    }

    public Model model() {
        return model;
    }

    public Device device() {
        return device;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** The block of a dense layer (fc1, ...): a Linear, an {@link MpoLinear} or the two factors. */
    public Block layer(String name) {
        return layerBlocks.get(name);
    }

    /** The weight (rows = inputs) of a layer that is a single dense layer here: kept, pruned or int8. */
    public DenseMatrix denseWeight(String name) {
        if (!(layerBlocks.get(name) instanceof Linear linear)) {
            throw new IllegalArgumentException(name + " is not a single dense layer");
        }
        NDArray w = linear.getParameters().get("weight").getArray();
        long[] shape = w.getShape().getShape();
        return DenseMatrix.of((int) shape[0], (int) shape[1], w.toFloatArray()).transpose();
    }

    /** The bias of a dense layer (fc1, ...), whatever replaced it. */
    public float[] bias(String name) {
        Block b = layerBlocks.get(name);
        if (b instanceof MpoLinear m) {
            return m.biasValues();
        }
        Linear last = b instanceof Linear l ? l : (Linear) b.getChildren().get(1).getValue();
        return last.getParameters().get("bias").getArray().toFloatArray();
    }

    public List<String> layerNames() {
        return List.copyOf(layerBlocks.keySet());
    }

    /** Trainable values in the network as built (a pruned layer counts its zeros: it runs dense). */
    public long storedParameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** Re-applies the pruning masks: healing must not bring pruned weights back. */
    public void applyMasks() {
        withoutGradients(() -> {
            for (var e : masks.entrySet()) {
                NDArray w = ((Linear) layerBlocks.get(e.getKey())).getParameters().get("weight").getArray();
                w.muli(e.getValue());
            }
        });
    }

    /** Edits trainable arrays in place: PyTorch allows that on leaves that require gradients only outside autograd. */
    private static void withoutGradients(Runnable edit) {
        boolean was = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            edit.run();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(was);
        }
    }

    /**
     * After healing in float: int8 layers are re-quantised, mpo+int8 cores re-rounded, so the model
     * evaluated and saved is the one the storage figure describes.
     */
    public void requantize(String method) {
        withoutGradients(() -> requantizeLayers(method));
    }

    private void requantizeLayers(String method) {
        for (var e : structure.entrySet()) {
            Block b = layerBlocks.get(e.getKey());
            if (method.equals("int8") && b instanceof Linear linear) {
                NDArray w = linear.getParameters().get("weight").getArray();
                long[] s = w.getShape().getShape();
                DenseMatrix weight = DenseMatrix.of((int) s[0], (int) s[1], w.toFloatArray()).transpose();
                w.set(Int8Quantizer.quantize(weight).dequantize().transpose().values());
            } else if (method.equals("mpo+int8") && b instanceof MpoLinear m) {
                Structure st = e.getValue();
                Mpo mpo = new Mpo(new MpoShape(st.rowFactors(), st.colFactors()), m.cores());
                m.setCores(Int8Quantizer.quantizeCores(mpo).cores());
            }
        }
    }

    /** Cores of an MPO layer as an {@link Mpo} (current values, e.g. after healing). */
    public Mpo mpo(String name) {
        if (!(layerBlocks.get(name) instanceof MpoLinear m)) {
            throw new IllegalArgumentException(name + " is not an MPO layer");
        }
        List<MpoCore> cores = m.cores();
        return new Mpo(new MpoShape(m.rowFactors(), m.colFactors()), cores);
    }

    public Shape batchShape(int n) {
        return new Shape(n, spec.inputFeatures());
    }

    /** Features and labels of the given rows, in {@code manager}. */
    public NDList batch(NDManager manager, ImageDataset data, int[] rows, float[] featureBuffer, int[] labelBuffer) {
        data.fillFeatures(rows, featureBuffer);
        data.fillLabels(rows, labelBuffer);
        float[] x = featureBuffer.length == rows.length * spec.inputFeatures() ? featureBuffer
                : Arrays.copyOf(featureBuffer, rows.length * spec.inputFeatures());
        long[] y = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labelBuffer[i];
        }
        return new NDList(manager.create(x, batchShape(rows.length)), manager.create(y));
    }

    /**
     * Accuracy, mean cross-entropy and timing over all rows without gradients. A batch's time covers the
     * forward pass up to the predicted classes on the host (which waits for the device).
     */
    public Evaluation evaluate(ImageDataset data, int batchSize, CancellationToken cancellation) {
        ParameterStore params = new ParameterStore(model.getNDManager(), false);
        float[] features = new float[batchSize * spec.inputFeatures()];
        int[] labels = new int[batchSize];
        long correct = 0;
        double lossSum = 0;
        List<Double> batchMillis = new ArrayList<>();
        double seconds = 0;
        for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
            if (cancellation != null) {
                cancellation.throwIfCancelled();
            }
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList xy = batch(m, data, rows, features, labels);
                long t0 = System.nanoTime();
                NDArray logits = block.forward(params, new NDList(xy.get(0)), false).singletonOrThrow();
                long[] predicted = logits.argMax(1).toLongArray();
                long t = System.nanoTime() - t0;
                seconds += t / 1e9;
                if (rows.length == batchSize) {
                    batchMillis.add(t / 1e6);
                }
                long[] y = xy.get(1).toLongArray();
                for (int i = 0; i < y.length; i++) {
                    correct += predicted[i] == y[i] ? 1 : 0;
                }
                NDArray logp = logits.logSoftmax(1);
                lossSum -= logp.gather(xy.get(1).reshape(-1, 1), 1).sum().getFloat();
            }
        }
        double p50 = batchMillis.isEmpty() ? Double.NaN
                : batchMillis.stream().sorted().toList().get(batchMillis.size() / 2);
        return new Evaluation(data.count(), correct, lossSum / Math.max(1, data.count()), seconds, p50, batchSize);
    }

    /** Logits of {@code n} flattened samples (inference, no gradients). */
    public float[] logits(float[] features, int n) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(features, batchShape(n));
            return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
        }
    }

    /** Writes the structure and weights into {@code dir} ({@link #FILE} + a DJL parameter file). */
    public Path save(Path dir, String method, String dataset) throws IOException {
        return CompressedModelFiles.save(this, dir, method, dataset);
    }

    /** Rebuilds a compressed network saved by {@link #save} and loads its weights. */
    public static CompressedNetwork load(Path dir, Device device) throws IOException {
        return CompressedModelFiles.load(dir, device);
    }

    /** The replaced layers' structures, in network order (what the saved file describes). */
    List<Structure> structures() {
        return List.copyOf(structure.values());
    }

    SequentialBlock block() {
        return block;
    }

    @Override
    public void close() {
        masks.values().forEach(NDArray::close);
        model.close();
    }
}
