package dev.joulebench.compress.rmtkd;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The dense layers of an {@code mlp:} network as plain floats, in DJL's layout: layer {@code i} computes
 * {@code y = W x + b} with {@code W} stored row-major as {@code [outputs, inputs]} (DJL's {@code Linear} weight
 * is {@code (out, in)} and it evaluates {@code x W^T + b} on a batch of row vectors).
 *
 * @param layers fc1 .. fcN in network order; each layer's inputs are the previous one's outputs
 */
public record MlpWeights(List<Dense> layers) {
    /**
     * One dense layer.
     *
     * @param weight row-major {@code outputs x inputs}
     * @param bias   {@code outputs} values
     */
    public record Dense(int inputs, int outputs, float[] weight, float[] bias) {
        public Dense {
            if ((long) inputs * outputs != weight.length || bias.length != outputs) {
                throw new IllegalArgumentException("a " + outputs + "x" + inputs + " layer needs " + (long) inputs * outputs
                        + " weights and " + outputs + " biases, got " + weight.length + " and " + bias.length);
            }
        }

        public long parameterCount() {
            return (long) inputs * outputs + outputs;
        }
    }

    public MlpWeights {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an MLP has at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputs() != layers.get(i - 1).outputs()) {
                throw new IllegalArgumentException("layer fc" + (i + 1) + " takes " + layers.get(i).inputs()
                        + " inputs but fc" + i + " gives " + layers.get(i - 1).outputs());
            }
        }
    }

    /** The weights of a loaded {@code mlp:} classifier. */
    public static MlpWeights of(Classifier net) {
        if (!(net.spec() instanceof ModelSpec.Mlp)) {
            throw new IllegalArgumentException("not an mlp: network: " + net.spec().text());
        }
        List<Dense> out = new ArrayList<>();
        for (Pair<String, Block> child : net.model().getBlock().getChildren()) {
            if (child.getValue() instanceof Linear linear) {
                var w = linear.getParameters().get("weight").getArray();
                long[] shape = w.getShape().getShape(); // (out, in)
                out.add(new Dense((int) shape[1], (int) shape[0], w.toFloatArray(),
                        linear.getParameters().get("bias").getArray().toFloatArray()));
            }
        }
        return new MlpWeights(out);
    }

    /** The architecture these weights fill: {@code mlp:IN-H1-...-OUT}. */
    public ModelSpec.Mlp spec() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(layers.get(0).inputs());
        layers.forEach(l -> sizes.add(l.outputs()));
        return new ModelSpec.Mlp(sizes);
    }

    /** Weights and biases of every layer. */
    public long parameterCount() {
        return layers.stream().mapToLong(Dense::parameterCount).sum();
    }

    /** A new classifier of {@link #spec()} holding these weights (close it). */
    public Classifier toClassifier(List<String> classNames, Device device) {
        Classifier net = new Classifier(spec(), classNames, device);
        try {
            net.initializeParameters();
            int i = 0;
            for (Pair<String, Block> child : net.model().getBlock().getChildren()) {
                if (child.getValue() instanceof Linear linear) {
                    Dense d = layers.get(i++);
                    linear.getParameters().get("weight").getArray().set(d.weight());
                    linear.getParameters().get("bias").getArray().set(d.bias());
                }
            }
            return net;
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }
}
