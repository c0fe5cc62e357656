package dev.joulebench.compress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.CheckpointFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Makes compress jobs of Joulebench backprop checkpoints (and MPO jobs of {@code .onnx} files). Everything that can be wrong with the input
 * (model not found, not a backprop checkpoint, unknown layer, dataset missing) is bad input here,
 * before a run exists.
 */
public final class CompressJobFactory implements JobFactory {
    @Override
    public String kind() {
        return CompressSpec.KIND;
    }

    @Override
    public java.util.List<dev.joulebench.core.spec.SpecProblem> check(JobSpec spec, dev.joulebench.core.JobEnvironment env) {
        try {
            build(spec, env);
            return java.util.List.of();
        } catch (dev.joulebench.core.BadInputException e) {
            return java.util.List.of(new dev.joulebench.core.spec.SpecProblem("spec", e.getMessage()));
        }
    }

    @Override
    public Job build(JobSpec spec, dev.joulebench.core.JobEnvironment env) {
        RunStore store = env.store();
        CompressSpec compress = spec.requireValid(CompressSpec.class);
        if (compress.model().toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
            OnnxCompressJob.check(compress);
            DatasetCatalog catalog = DatasetCatalog.system();
            catalog.locate(compress.dataset());
            return new OnnxCompressJob(compress, java.nio.file.Path.of(compress.model()), catalog);
        }
        CompressTarget target = resolve(compress, store);
        DatasetCatalog catalog = DatasetCatalog.system();
        catalog.locate(compress.dataset());
        return new CompressJob(compress, target, catalog);
    }

    /** Finds the checkpoint, checks it is a backprop one and selects the layers. */
    public static CompressTarget resolve(CompressSpec spec, RunStore store) {
        SavedModel saved = SavedModel.resolve(spec.model(), store);
        Checkpoint cp;
        try {
            cp = Checkpoint.read(saved.checkpointDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!cp.isBackprop()) {
            throw new BadInputException("Checkpoint in " + saved.checkpointDir() + " was made by method '"
                    + cp.method() + "': compression works on backprop checkpoints (from `joulebench train --method bp`)");
        }
        ModelSpec model = cp.modelSpec();
        return new CompressTarget(saved.checkpointDir(), model, CompressTarget.select(spec, model),
                CompressTarget.denseLayerNames(model), cp.split());
    }
}
