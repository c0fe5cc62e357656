package dev.joulebench.train.ff;

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
        TorchEngine.configure(seed, 2);
        DatasetFiles files = samples();
        ImageDataset full = files.train().head(trainImages);
        TrainValidationSplit split = TrainValidationSplit.of(full, 0.2, seed);
        ImageDataset test = files.test().head(testImages);
        TrainSpec spec = TrainSpec.builder().method("ff").dataset("samples").model(model).epochs(epochs).batchSize(64).optimizer("adam").learningRate(learningRate).validationFraction(0.2).limitTrain(trainImages).seed(seed).device("cpu").threads(2).build();
        ForwardForwardTrainer trainer = new ForwardForwardTrainer();
        Map<String, String> opts = new LinkedHashMap<>(trainer.defaultOptions());
        opts.putAll(options);
        RunStore store = new RunStore(workspace);
        RunDirectory dir = store.create("train", "ff", Instant.now());
        JobContext ctx = new JobContext(dir.id(), seed, "cpu", dir, MonotonicClock.system(), new CancellationToken(),
                event -> { });
        Map<String, Double> summary = trainer.train(new MethodTrainer.Input(spec, ModelSpec.parse(model),
                full.classes(), split.train(), split.validation(), test, Device.cpu(), opts), ctx);
        dir.close();
        return new Run(summary, dir, test);
    }
}
