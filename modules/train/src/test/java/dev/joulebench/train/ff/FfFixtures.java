package dev.joulebench.train.ff;

import dev.joulebench.train.MethodFixtures;
import ai.djl.Device;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.train.MethodTrainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-built contexts and small slices of the samples set for the FF tests. */
final class FfFixtures {
    private static DatasetFiles samples;

    private FfFixtures() {}

    static synchronized DatasetFiles samples() throws Exception {
        if (samples == null) {
            samples = DatasetCatalog.system().load("samples");
        }
        return samples;
    }

    /** A run of FF on the first {@code trainImages} sample images (20% held out) and {@code testImages} test images. */
    record Run(Map<String, Double> summary, RunDirectory dir, ImageDataset test) {}

    static Run train(Path workspace, String model, int epochs, int trainImages, int testImages, long seed,
                     Map<String, String> options) throws Exception {
        return train(workspace, model, epochs, trainImages, testImages, seed, null, options);
    }

    /** @param learningRate null for the spec default (Adam 1e-3) */
    static Run train(Path workspace, String model, int epochs, int trainImages, int testImages, long seed,
                     Double learningRate, Map<String, String> options) throws Exception {
        MethodFixtures.Ctx c = new MethodFixtures.Ctx(workspace, seed, "ff");
        Map<String, Double> summary = MethodFixtures.train(new ForwardForwardTrainer(), c, model, epochs, 64,
                trainImages, testImages, seed, learningRate, options);
        c.close();
        return new Run(summary, c.dir, samples().test().head(testImages));
    }
}
