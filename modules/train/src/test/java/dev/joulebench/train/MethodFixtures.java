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
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.Checkpoint;
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
    public static final class Ctx implements AutoCloseable {
        public final JobContext ctx;
        public final RunDirectory dir;
        public final List<RunEvent.MetricPoint> metrics = new CopyOnWriteArrayList<>();

        public Ctx(Path workspace, long seed, String method) {
            RunStore store = new RunStore(workspace);
            dir = store.create("train", method, Instant.now());
            ctx = new JobContext(dir.id(), seed, "cpu", dir, MonotonicClock.system(), new CancellationToken(), e -> {
                if (e instanceof RunEvent.MetricPoint p) {
                    metrics.add(p);
                }
            });
        }

        @Override
        public void close() {
            dir.close();
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
        return train(trainer, c, model, epochs, batch, trainImages, testImages, seed, null, options);
    }

    /** @param learningRate null for the spec's default */
    public static Map<String, Double> train(MethodTrainer trainer, Ctx c, String model, int epochs, int batch,
                                            int trainImages, int testImages, long seed, Double learningRate,
                                            Map<String, String> options) throws Exception {
        DatasetFiles files = samples();
        TrainValidationSplit split = TrainValidationSplit.of(files.train(), 0.2, seed, trainImages);
        TrainSpec spec = TrainSpec.builder().method(trainer.method()).dataset("samples").model(model).epochs(epochs)
                .batchSize(batch).optimizer("adam").learningRate(learningRate).validationFraction(0.2)
                .limitTrain(trainImages).seed(seed).device("cpu").threads(2).options(options).build();
        TorchEngine.configure(seed, 2);
        MethodTrainer.Input input = new MethodTrainer.Input(spec, ModelSpec.parse(model), files.train().classNames(),
                split.train(), Device.cpu(), MethodTrainer.options(trainer, options));
        return MethodRun.run(trainer, input, split.validation(), files.test().head(testImages), split.record(), c.ctx);
    }

    /** Evaluates a checkpoint the way {@code joulebench eval} does: accuracy, loss, samples and the method's parts. */
    public static Map<String, Double> evaluate(MethodTrainer trainer, Path dir, ImageDataset data) throws Exception {
        Checkpoint cp = Checkpoint.read(dir, trainer.method());
        try (TrainableNetwork net = trainer.restore(cp, dir, Device.cpu())) {
            TrainableNetwork.Scores s = net.evaluate(data, null);
            Map<String, Double> out = new java.util.LinkedHashMap<>(s.parts());
            out.put("accuracy", s.accuracy());
            out.put("loss", s.loss());
            out.put("samples", (double) s.count());
            return out;
        }
    }

    /** The shape of the shipped samples: 28×28 grey images, 10 classes. */
    public static DataShape samplesShape() throws Exception {
        return DataShape.of(samples());
    }

    /** The fields of the problems a method finds with a model and options on the samples. */
    public static List<String> problems(MethodTrainer trainer, String model, Map<String, String> options) {
        try {
            TrainSpec spec = TrainSpec.of(trainer.method(), "samples", model);
            return trainer.check(spec, ModelSpec.parse(model), MethodTrainer.options(trainer, options), samplesShape())
                    .stream().map(dev.joulebench.core.spec.SpecProblem::field).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
