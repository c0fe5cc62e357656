package dev.joulebench.app.launcher;

import dev.joulebench.compress.CompressJobFactory;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The checks the compress job factory makes before a run exists, attributed to form fields: the model
 * (a run id of the workspace or a checkpoint directory holding a backprop checkpoint, or an existing
 * {@code .onnx} file), the layers it names, and the dataset.
 */
public final class CompressChecks implements Function<CompressSpec, List<String>> {
    private final DatasetCatalog catalog;
    private final Supplier<Path> workspace;

    public CompressChecks(DatasetCatalog catalog, Supplier<Path> workspace) {
        this.catalog = catalog;
        this.workspace = workspace;
    }

    @Override
    public List<String> apply(CompressSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.model().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            if (!Files.isRegularFile(Path.of(spec.model()))) {
                problems.add("model: no ONNX file at " + spec.model() + " (choose one with …)");
            } else if (!spec.compressionMethod().equals("mpo") || spec.isSensitivity()) {
                problems.add("method: ONNX models are compressed with mpo in compress mode only");
            } else if (spec.chi() == null) {
                problems.add("size: compressing an ONNX model needs χ");
            } else if (spec.healEpochs() > 0) {
                problems.add("heal: an ONNX model cannot be healed (no training graph); set heal epochs to 0");
            }
        } else {
            try {
                CompressJobFactory.resolve(spec, new RunStore(workspace.get()));
            } catch (BadInputException e) {
                problems.add(field(e.getMessage()) + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                problems.add("model: cannot read its checkpoint: " + e.getMessage());
            }
        }
        try {
            catalog.locate(spec.dataset());
        } catch (BadInputException e) {
            problems.add("dataset: " + e.getMessage());
        }
        return problems;
    }

    /** Which field a factory message is about: an unknown layer names the layers, everything else the model. */
    private static String field(String message) {
        if (message.contains("has no dense layer") || message.contains("no hidden dense layer")) {
            return "layers";
        }
        if (message.contains("Per-layer")) {
            return "size";
        }
        return "model";
    }
}
