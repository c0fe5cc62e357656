package dev.joulebench.compress;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.nn.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model a compress job works on, resolved and checked before the run exists.
 *
 * @param layers             the dense layers to compress, in network order
 * @param denseLayers        every dense layer of the model (fc1 .. fcN, fcN being the classifier output)
 * @param split              the training run's split as its checkpoint recorded it, so validation means exactly
 *                           the rows it never trained on; null when the checkpoint records none
 */
public record CompressTarget(Path checkpointDir, ModelSpec modelSpec, List<String> layers, List<String> denseLayers,
                             SplitRecord split) {
    public CompressTarget {
        layers = List.copyOf(layers);
        denseLayers = List.copyOf(denseLayers);
    }

    /** fc1 .. fcN: the model's dense layers in order (conv layers are not among them). */
    public static List<String> denseLayerNames(ModelSpec spec) {
        int n = spec instanceof ModelSpec.Mlp mlp ? mlp.sizes().size() - 1 : ((ModelSpec.Cnn) spec).dense().size() + 1;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add("fc" + i);
        }
        return names;
    }

    /**
     * The layers the spec selects. By default every hidden dense layer: the output layer (classes × last
     * hidden) is small, and compressing the logits hurts accuracy most for the least gain (CompactifAI also
     * leaves the output head dense); name it in {@code layers} to compress it anyway.
     */
    public static List<String> select(CompressSpec spec, ModelSpec model) {
        List<String> dense = denseLayerNames(model);
        List<String> chosen;
        if (spec.layers().isEmpty()) {
            chosen = dense.subList(0, dense.size() - 1);
            if (chosen.isEmpty()) {
                throw new BadInputException("Model " + model.text() + " has no hidden dense layer to compress (its only "
                        + "dense layer " + dense.get(0) + " is the output layer); name it with --layers "
                        + dense.get(0) + " to compress it anyway");
            }
        } else {
            for (String l : spec.layers()) {
                if (!dense.contains(l)) {
                    throw new BadInputException("Model " + model.text() + " has no dense layer '" + l + "'; its dense "
                            + "layers are " + String.join(", ", dense) + " (conv layers are not compressed)");
                }
            }
            chosen = dense.stream().filter(spec.layers()::contains).toList();
        }
        for (String l : spec.layerChis().keySet()) {
            if (!chosen.contains(l)) {
                throw new BadInputException("Per-layer χ names '" + l + "', which is not among the layers to compress ("
                        + String.join(", ", chosen) + ")");
            }
        }
        return List.copyOf(chosen);
    }
}
