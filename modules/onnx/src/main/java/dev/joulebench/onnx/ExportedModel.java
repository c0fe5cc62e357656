package dev.joulebench.onnx;

import dev.joulebench.nn.ModelSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A Joulebench classifier written as ONNX.
 *
 * @param file       where it was written
 * @param spec       the architecture
 * @param classNames class names, index = output position
 * @param model      the ONNX model written
 */
public record ExportedModel(Path file, ModelSpec spec, List<String> classNames, OnnxModel model) {
    public ExportedModel {
        classNames = List.copyOf(classNames);
    }
}
