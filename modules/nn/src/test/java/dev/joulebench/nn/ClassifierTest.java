package dev.joulebench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.joulebench.core.BadInputException;
import dev.joulebench.data.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTest {
    private static final List<String> TEN = IntStream.range(0, 10).mapToObj(String::valueOf).toList();

    static ImageDataset randomImages(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * c * h * w];
        r.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) r.nextInt(10);
        }
        return new ImageDataset("random", n, c, h, w, pixels, labels, TEN);
    }

    private static long djlParameterCount(Classifier c) {
        long n = 0;
        for (Pair<String, Parameter> p : c.model().getBlock().getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Test
    void closedFormParameterCountMatchesDjlForMlpAndCnn() {
        TorchEngine.configure(1, 0);
        for (String text : List.of("mlp:784-300-100-10", "cnn:1x28x28-c8-c16-d32-10", "cnn:3x32x32-c4-10")) {
            try (Classifier c = new Classifier(ModelSpec.parse(text), TEN, Device.cpu())) {
                c.initializeParameters();
                assertThat(djlParameterCount(c)).as(text).isEqualTo(c.spec().parameterCount());
            }
        }
    }

    @Test
    void checkpointRoundTripGivesIdenticalLogits(@TempDir Path dir) throws Exception {
        TorchEngine.configure(7, 0);
        ImageDataset data = randomImages(32, 1, 28, 28, 3);
        int[] rows = IntStream.range(0, 32).toArray();
        float[] before;
        try (Classifier c = new Classifier(ModelSpec.parse("cnn:1x28x28-c4-d16-10"), TEN, Device.cpu())) {
            c.initializeParameters();
            before = logits(c, data, rows);
            c.save(dir, "random", 2, 0.5);
        }
        Checkpoint cp = Checkpoint.read(dir);
        assertThat(cp.model()).isEqualTo("cnn:1x28x28-c4-d16-10");
        assertThat(cp.epoch()).isEqualTo(2);
        assertThat(cp.classNames()).isEqualTo(TEN);
        assertThat(dir.resolve(cp.weightsFile())).exists();
        TorchEngine.configure(99, 0); // different init must be fully overwritten by the load
        try (Classifier loaded = Classifier.load(dir, Device.cpu())) {
            assertThat(logits(loaded, data, rows)).containsExactly(before);
        }
    }

    @Test
    void savingAgainReplacesTheOlderWeightsFile(@TempDir Path dir) throws Exception {
        TorchEngine.configure(7, 0);
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-8-10"), TEN, Device.cpu())) {
            c.initializeParameters();
            c.save(dir, "random", 0, 0.1);
            c.save(dir, "random", 3, 0.2);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("checkpoint.json", "weights-e0003.params");
        }
    }

    @Test
    void evaluateCountsCorrectPredictionsLikeAManualArgmax() {
        TorchEngine.configure(5, 0);
        ImageDataset data = randomImages(100, 1, 28, 28, 11);
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-16-10"), TEN, Device.cpu())) {
            c.initializeParameters();
            Classifier.Evaluation e = c.evaluate(data, 33, null);
            float[] out = logits(c, data, IntStream.range(0, 100).toArray());
            int correct = 0;
            double loss = 0;
            for (int i = 0; i < 100; i++) {
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                double sumExp = 0;
                for (int k = 0; k < 10; k++) {
                    max = Math.max(max, out[i * 10 + k]);
                }
                for (int k = 0; k < 10; k++) {
                    sumExp += Math.exp(out[i * 10 + k] - max);
                    if (out[i * 10 + k] > out[i * 10 + best]) {
                        best = k;
                    }
                }
                int label = data.labels()[i];
                correct += best == label ? 1 : 0;
                loss += -(out[i * 10 + label] - max - Math.log(sumExp));
            }
            assertThat(e.count()).isEqualTo(100);
            assertThat(e.correct()).isEqualTo(correct);
            assertThat(e.meanLoss()).isCloseTo(loss / 100, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void incompatibleDatasetIsBadInputNamingBothShapes() {
        TorchEngine.configure(5, 0);
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-16-10"), TEN, Device.cpu())) {
            assertThatThrownBy(() -> c.checkCompatible(randomImages(4, 3, 32, 32, 1)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("takes 784")
                    .hasMessageContaining("3072").hasMessageContaining("3x32x32");
        }
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-16-5"), TEN, Device.cpu())) {
            assertThatThrownBy(() -> c.checkCompatible(randomImages(4, 1, 28, 28, 1)))
                    .hasMessageContaining("5 outputs").hasMessageContaining("10 classes");
        }
    }

    @Test
    void missingCheckpointIsBadInput(@TempDir Path dir) {
        assertThatThrownBy(() -> Classifier.load(dir, Device.cpu())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("No checkpoint in");
    }

    @Test
    void deviceRequestsResolveToWhatTheEngineHas() {
        var engine = TorchEngine.get();
        assertThat(Devices.resolve("cpu", engine)).isEqualTo(Device.cpu());
        assertThat(Devices.name(Device.cpu())).isEqualTo("cpu");
        assumeThat(engine.getGpuCount()).as("GPU present: the no-GPU message cannot be checked").isZero();
        assertThat(Devices.resolve("auto", engine)).isEqualTo(Device.cpu());
        assertThatThrownBy(() -> Devices.resolve("gpu:1", engine)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sees no GPU").hasMessageContaining("--device cpu");
    }

    private static float[] logits(Classifier c, ImageDataset data, int[] rows) {
        try (NDManager m = c.model().getNDManager().newSubManager()) {
            NDList xy = c.batch(m, data, rows, new float[rows.length * data.featureCount()], new int[rows.length]);
            NDArray out = c.model().getBlock().forward(new ParameterStore(m, false), new NDList(xy.get(0)), false)
                    .singletonOrThrow();
            return out.toFloatArray();
        }
    }
}
