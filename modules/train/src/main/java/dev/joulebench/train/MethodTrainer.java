package dev.joulebench.train;

import ai.djl.Device;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A training method (backprop, Forward-Forward, Mono-Forward, Cascaded-Forward), found through
 * {@link ServiceLoader}. It checks a model and its options against the data, builds the
 * {@link TrainableNetwork} the shared {@link TrainingLoop} trains, and rebuilds one from its checkpoint.
 * Everything else (epochs, metrics, early stopping, checkpoints, cancellation, spectra) is the loop's.
 */
public interface MethodTrainer {
    /** The {@code --method} name, e.g. {@code ff}. */
    String method();

    /** Every option key this method accepts with its default value (as text). */
    Map<String, String> defaultOptions();

    /**
     * Every problem with the model and option values for data of this shape, before a run exists: fields
     * {@code model} and {@code options.<key>}; empty when training can start. {@code options} holds every key
     * of {@link #defaultOptions()}, user values applied.
     */
    List<SpecProblem> check(TrainSpec spec, ModelSpec model, Map<String, String> options, DataShape data);

    /** The network to train, freshly initialised from the engine's seed. */
    TrainableNetwork build(Input input, JobContext ctx) throws Exception;

    /** Rebuilds the network a checkpoint of this method describes, with its weights loaded. */
    TrainableNetwork restore(Checkpoint checkpoint, Path dir, Device device) throws Exception;

    /**
     * @param model      the spec's architecture; for layer-local MLP methods the input and hidden sizes
     *                   (e.g. mlp:784-1000-1000), the classes come from the dataset
     * @param classNames the dataset's classes
     * @param options    every key of {@link #defaultOptions()}, user values applied
     */
    record Input(TrainSpec spec, ModelSpec model, List<String> classNames, ImageDataset train, Device device,
                 Map<String, String> options) {
        public int classes() {
            return classNames.size();
        }
    }

    /** The installed trainer for a method (bp included), or null for an unknown one. */
    static MethodTrainer forMethod(String method) {
        for (MethodTrainer t : ServiceLoader.load(MethodTrainer.class)) {
            if (t.method().equals(method)) {
                return t;
            }
        }
        return null;
    }

    /** The method's defaults with the user's values over them; unknown keys are left out (see {@link #unknownOptions}). */
    static Map<String, String> options(MethodTrainer trainer, Map<String, String> given) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(trainer.defaultOptions());
        given.forEach((k, v) -> {
            if (merged.containsKey(k)) {
                merged.put(k, v);
            }
        });
        return merged;
    }

    /** A problem for every option key the method does not have, naming the ones it has. */
    static List<SpecProblem> unknownOptions(MethodTrainer trainer, Map<String, String> given) {
        List<SpecProblem> problems = new ArrayList<>();
        for (String key : given.keySet()) {
            if (!trainer.defaultOptions().containsKey(key)) {
                problems.add(new SpecProblem("options." + key, "--method " + trainer.method() + " has no option '"
                        + key + "'", trainer.defaultOptions().isEmpty() ? "it takes no options"
                        : "its options are " + trainer.defaultOptions()));
            }
        }
        return problems;
    }
}
