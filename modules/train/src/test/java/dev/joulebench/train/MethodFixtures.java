package dev.joulebench.train;

import ai.djl.Device;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** For layer-local trainers' tests: a hand-built job context and small slices of the shipped samples. */
public final class MethodFixtures {
    private MethodFixtures() {}

    /** A context whose metric events land in {@link #metrics}. */
    public static final class Ctx {
        public final JobContext ctx;
        public final List<RunEvent.MetricPoint> metrics = new CopyOnWriteArrayList<>();

        public Ctx(Path workspace, long seed, String method) {
            RunStore store = new RunStore(workspace);
            RunDirectory dir = store.create("train", method, Instant.now());
            ctx = new JobContext(dir.id(), seed, "cpu", dir, MonotonicClock.system(), new CancellationToken(), e -> {
                if (e instanceof RunEvent.MetricPoint p) {
                    metrics.add(p);
                }
            });
        }

        /** name@step/epoch=value, without timestamps: equal for repeated deterministic runs. */
        public List<String> metricLines() {
            return metrics.stream().map(p -> p.name() + "@" + p.step() + "/" + p.epoch() + "=" + p.value()).toList();
        }

        public List<RunEvent.MetricPoint> named(String name) {
            return metrics.stream().filter(p -> p.name().equals(name)).toList();
        }
    }

    public static DatasetFiles samples() throws Exception {
        return DatasetCatalog.system().load("samples");
    }

    /** Trains on the first {@code trainImages} sample images (20% held out) and tests on {@code testImages}. */
    public static Map<String, Double> train(MethodTrainer trainer, Ctx c, String model, int epochs, int batch,
                                            int trainImages, int testImages, long seed, Map<String, String> options)
            throws Exception {
        DatasetFiles files = samples();
        ImageDataset full = files.train().head(trainImages);
        TrainValidationSplit split = TrainValidationSplit.of(full, 0.2, seed);
        TrainSpec spec = TrainSpec.builder().method(trainer.method()).dataset("samples").model(model).epochs(epochs).batchSize(batch).optimizer("adam").validationFraction(0.2).limitTrain(trainImages).seed(seed).device("cpu").threads(2).build();
        TorchEngine.configure(seed, 2);
        Map<String, String> opts = new java.util.LinkedHashMap<>(trainer.defaultOptions());
        opts.putAll(options);
        return trainer.train(new MethodTrainer.Input(spec, ModelSpec.parse(model), full.classes(), split.train(),
                split.validation(), files.test().head(testImages), Device.cpu(), opts), c.ctx);
    }
}
