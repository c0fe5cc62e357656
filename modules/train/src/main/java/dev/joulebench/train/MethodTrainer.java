package dev.joulebench.train;

import ai.djl.Device;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.ModelSpec;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A training algorithm other than plain backprop (Forward-Forward, Mono-Forward, Cascaded-Forward),
 * found through {@link ServiceLoader}. It trains under the spec's budget and seed, reports per-step
 * and per-epoch metrics through the context, applies the shared early-stopping rule on validation
 * accuracy (best state restored), saves its model under {@code model/}, and returns summary numbers
 * including {@code test/accuracy}.
 */
public interface MethodTrainer {
    /** The {@code --method} name, e.g. {@code ff}. */
    String method();

    /** Every option key this method accepts with its default value (as text). */
    Map<String, String> defaultOptions();

    /**
     * Rejects, before any run exists, a model or option value this method cannot train (bad input,
     * exit code 2); what needs the data (input size, classes) is checked when training starts.
     */
    default void check(TrainSpec spec, ModelSpec model, Map<String, String> options) {
        // a method without static constraints accepts any model and checks its options when training starts
    }

    /** Trains and evaluates; {@code options} holds every key of {@link #defaultOptions()}, user values applied. */
    Map<String, Double> train(Input input, JobContext ctx) throws Exception;

    /**
     * Evaluates a model this method saved (its {@code model/checkpoint.json} has format
     * {@code joulebench-<method>}): returns at least {@code accuracy} and {@code samples}.
     */
    Map<String, Double> evaluate(java.nio.file.Path checkpointDir, ImageDataset data, Device device) throws Exception;

    /**
     * @param model   the spec's architecture; for layer-local methods an MLP spec lists input and hidden
     *                sizes (e.g. mlp:784-1000-1000), the classes come from the dataset
     * @param classes number of classes of the dataset
     */
    record Input(TrainSpec spec, ModelSpec model, int classes, ImageDataset train, ImageDataset validation,
                 ImageDataset test, Device device, Map<String, String> options) {}

    /** The installed trainer for a method, or null for bp (trained by {@link BackpropTrainer}) or an unknown one. */
    static MethodTrainer forMethod(String method) {
        for (MethodTrainer t : ServiceLoader.load(MethodTrainer.class)) {
            if (t.method().equals(method)) {
                return t;
            }
        }
        return null;
    }
}
