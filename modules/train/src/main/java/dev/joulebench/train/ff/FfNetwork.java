package dev.joulebench.train.ff;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.joulebench.nn.TorchEngine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Forward-Forward network: one DJL {@link Model} holding a {@link Linear} block per hidden layer
 * (so each layer can have its own DJL trainer and optimizer), plus an optional linear softmax head for
 * the one-pass prediction. All the FF arithmetic (label embedding, RMS normalisation, goodness, the
 * per-layer logistic loss, goodness prediction) lives here as small static or instance methods so that
 * tests can check them in isolation. Native memory: close it.
 */
final class FfNetwork implements AutoCloseable {
    /** Added to the mean square before the square root in the RMS normalisation. */
    static final float RMS_EPS = 1e-8f;

    /** Computes one layer's pre-activation {@code W z + b} from its normalised input. */
    @FunctionalInterface
    interface LinearPass {
        NDArray apply(int layer, NDArray z);
    }

    private final List<Integer> sizes;
    private final int classes;
    private final float[] thresholds;
    private final List<Model> layers = new ArrayList<>();
    private final Model head;

    /**
     * @param sizes      input then hidden sizes (mlp:IN-H1-...-HL)
     * @param threshold  goodness threshold; 0 means "the layer's width" for every layer
     * @param withHead   whether to build the softmax head for {@code predict=softmax}
     */
    FfNetwork(List<Integer> sizes, int classes, double threshold, boolean withHead, Device device) {
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("FF needs an input size and at least one hidden layer: " + sizes);
        }
        this.sizes = List.copyOf(sizes);
        this.classes = classes;
        this.thresholds = new float[sizes.size() - 1];
        try {
            for (int l = 1; l < sizes.size(); l++) {
                thresholds[l - 1] = threshold > 0 ? (float) threshold : sizes.get(l);
                Model m = Model.newInstance("ff-layer" + l, device, TorchEngine.NAME);
                layers.add(m);
                m.setBlock(Linear.builder().setUnits(sizes.get(l)).build());
                m.setDataType(DataType.FLOAT32);
            }
            if (withHead) {
                head = Model.newInstance("ff-head", device, TorchEngine.NAME);
                head.setBlock(Linear.builder().setUnits(classes).build());
                head.setDataType(DataType.FLOAT32);
            } else {
                head = null;
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int layerCount() {
        return layers.size();
    }

    int inputFeatures() {
        return sizes.get(0);
    }

    int classes() {
        return classes;
    }

    int width(int layer) {
        return sizes.get(layer + 1);
    }

    float threshold(int layer) {
        return thresholds[layer];
    }

    Model layer(int layer) {
        return layers.get(layer);
    }

    Model head() {
        return head;
    }

    /** 0-based index of the first layer whose goodness (or activations) prediction uses: 2..L, or 1 if L = 1. */
    int firstPredictionLayer() {
        return layers.size() > 1 ? 1 : 0;
    }

    /** Input width of the softmax head: the summed widths of the prediction layers. */
    int headInputs() {
        int n = 0;
        for (int l = firstPredictionLayer(); l < layers.size(); l++) {
            n += width(l);
        }
        return n;
    }

    long parameterCount() {
        long n = 0;
        for (int l = 1; l < sizes.size(); l++) {
            n += (long) sizes.get(l - 1) * sizes.get(l) + sizes.get(l);
        }
        if (head != null) {
            n += (long) headInputs() * classes + classes;
        }
        return n;
    }

    /** Fresh parameters without a trainer (before loading a checkpoint, or for tests). */
    void initialize() {
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).getBlock().initialize(layers.get(l).getNDManager(), DataType.FLOAT32,
                    new Shape(1, sizes.get(l)));
        }
        if (head != null) {
            head.getBlock().initialize(head.getNDManager(), DataType.FLOAT32, new Shape(1, headInputs()));
        }
    }

    /** A pass for inference: each block with a non-training parameter store. */
    LinearPass inference(NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        return (l, z) -> layers.get(l).getBlock().forward(ps, new NDList(z), false).singletonOrThrow();
    }

    NDArray headLogits(NDManager manager, NDArray features) {
        ParameterStore ps = new ParameterStore(manager, false);
        return head.getBlock().forward(ps, new NDList(features), false).singletonOrThrow();
    }

    // ---------------------------------------------------------------- FF arithmetic

    /**
     * Writes a label into the first {@code classes} values of each row of {@code features} (row-major,
     * {@code featureCount} values a row), replacing those pixels: one-hot of {@code labels[r]}, or, when
     * {@code labels} is null, the neutral label 1/classes in every entry. The rest of the row is untouched.
     */
    static void embedLabels(float[] features, int rows, int featureCount, int[] labels, int classes) {
        float neutral = 1f / classes;
        for (int r = 0; r < rows; r++) {
            int at = r * featureCount;
            for (int c = 0; c < classes; c++) {
                features[at + c] = labels == null ? neutral : (labels[r] == c ? 1f : 0f);
            }
        }
    }

    /** x / sqrt(mean(x², over each row) + eps). */
    static NDArray rmsNormalize(NDArray x) {
        return x.div(x.square().mean(new int[] {1}, true).add(RMS_EPS).sqrt());
    }

    /** Σ h² over each row. */
    static NDArray goodness(NDArray h) {
        return h.square().sum(new int[] {1});
    }

    /**
     * Binary cross-entropy of the logistic "is positive" model, mean over positives and negatives
     * together: mean(softplus(−logit_pos) ∪ softplus(logit_neg)).
     */
    static NDArray bceLoss(NDArray logitsPositive, NDArray logitsNegative) {
        return Activation.softPlus(logitsPositive.neg()).concat(Activation.softPlus(logitsNegative)).mean();
    }

    /**
     * Forward through every layer: z_l = rms(input_l), h_l = ReLU(pass(l, z_l)), and input_{l+1} =
     * h_l with its gradient stopped, so no gradient crosses layers.
     *
     * @return h of each layer (still attached to its own layer's graph)
     */
    NDArray[] forward(NDArray x, LinearPass pass) {
        NDArray[] h = new NDArray[layers.size()];
        NDArray input = x;
        for (int l = 0; l < layers.size(); l++) {
            h[l] = Activation.relu(pass.apply(l, rmsNormalize(input)));
            input = h[l].stopGradient();
        }
        return h;
    }

    /** Normalised, detached activations of the prediction layers, concatenated: the softmax head's input. */
    NDArray headFeatures(NDArray[] h) {
        NDList parts = new NDList();
        for (int l = firstPredictionLayer(); l < h.length; l++) {
            parts.add(rmsNormalize(h[l].stopGradient()));
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /**
     * Goodness prediction for {@code rows} samples in {@code pixels} (row-major, already x/255): all
     * {@code classes} labelled copies go through the net as one batch of rows×classes; the label with
     * the largest summed goodness of the prediction layers wins.
     *
     * @return [rows, classes] summed goodness
     */
    NDArray goodnessPerLabel(NDManager manager, float[] pixels, int rows) {
        int f = inputFeatures();
        float[] all = new float[rows * classes * f];
        int[] labels = new int[rows * classes];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < classes; c++) {
                System.arraycopy(pixels, r * f, all, (r * classes + c) * f, f);
                labels[r * classes + c] = c;
            }
        }
        embedLabels(all, rows * classes, f, labels, classes);
        NDArray[] h = forward(manager.create(all, new Shape((long) rows * classes, f)), inference(manager));
        NDArray sum = null;
        for (int l = firstPredictionLayer(); l < h.length; l++) {
            NDArray g = goodness(h[l]);
            sum = sum == null ? g : sum.add(g);
        }
        return sum.reshape(rows, classes);
    }

    /** One-pass softmax prediction: neutral label, one forward, head logits [rows, classes]. */
    NDArray softmaxLogits(NDManager manager, float[] pixels, int rows) {
        int f = inputFeatures();
        float[] x = java.util.Arrays.copyOf(pixels, rows * f);
        embedLabels(x, rows, f, null, classes);
        NDArray[] h = forward(manager.create(x, new Shape(rows, f)), inference(manager));
        return headLogits(manager, headFeatures(h));
    }

    // ---------------------------------------------------------------- weights

    /** Every layer's block parameters in order, then the head's, into one stream. */
    void saveParameters(DataOutputStream out) throws IOException {
        for (Model m : layers) {
            m.getBlock().saveParameters(out);
        }
        if (head != null) {
            head.getBlock().saveParameters(out);
        }
    }

    void loadParameters(DataInputStream in) throws IOException, MalformedModelException {
        for (Model m : layers) {
            m.getBlock().loadParameters(m.getNDManager(), in);
        }
        if (head != null) {
            head.getBlock().loadParameters(head.getNDManager(), in);
        }
    }

    @Override
    public void close() {
        for (Model m : layers) {
            m.close();
        }
        if (head != null) {
            head.close();
        }
    }
}
