package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.testkit.data.IdxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX evaluation as a run: against DJL's own evaluation, the MNIST CNN's known answers, and bad inputs. */
class OnnxEvalJobTest {
    @TempDir
    Path tmp;

    private RunRecord run(EvalSpec spec) throws InterruptedException {
        RunStore store = new RunStore(tmp.resolve("ws"));
        try (EventBus bus = new EventBus()) {
            JobRunner runner = new JobRunner(store, bus, MonotonicClock.system(), ProvenanceCollector.fromServiceLoader());
            return runner.submit(spec).await();
        }
    }

    private static EvalSpec spec(String model, String dataset, String layout, String preprocess) {
        return EvalSpec.builder().model(model).dataset(dataset).split("test").batchSize(64).device("cpu").threads(1).inputLayout(layout).preprocess(preprocess).build();
    }

    /** Exports a freshly initialised classifier and returns the ONNX file and DJL's accuracy on samples' test set. */
    private Map.Entry<Path, Double> exportedWithDjlAccuracy(String text) throws Exception {
        TorchEngine.configure(11, 1);
        ImageDataset test = DatasetCatalog.system().load("samples").test();
        Path dir = tmp.resolve(text.replace(':', '_'));
        double accuracy;
        try (Classifier net = new Classifier(ModelSpec.parse(text), test.classNames(), Device.cpu())) {
            net.initializeParameters();
            accuracy = net.evaluate(test, 64, null).accuracy();
            net.save(dir.resolve("model"), "samples", 0, null);
        }
        Path onnx = dir.resolve("model.onnx");
        OnnxExporter.exportCheckpoint(dir.resolve("model"), onnx);
        return Map.entry(onnx, accuracy);
    }

    @Test
    void exportedCnnScoresWhatDjlScoresOnSamples() throws Exception {
        var exported = exportedWithDjlAccuracy("cnn:1x28x28-c4-d16-10");
        RunRecord r = run(spec(exported.getKey().toString(), "samples", null, null));
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(r.method()).isEqualTo("onnx");
        Map<String, Double> s = r.summary();
        assertThat(s.get("test/accuracy")).isEqualTo(exported.getValue());
        assertThat(s.get("inferences/eval")).isEqualTo(s.get("samples")).isPositive();
        assertThat(s.get("latency/batch_p50_ms")).isPositive()
                .isLessThanOrEqualTo(s.get("latency/batch_p90_ms"));
        assertThat(s.get("latency/batch_p90_ms")).isLessThanOrEqualTo(s.get("latency/batch_p99_ms"));
        assertThat(s.get("latency/sample_p50_ms")).isLessThan(s.get("latency/batch_p50_ms"));
        assertThat(s.get("samples_per_second")).isPositive();
    }

    @Test
    void exportedMlpTakesFlatInputAndScoresWhatDjlScores() throws Exception {
        var exported = exportedWithDjlAccuracy("mlp:784-32-10");
        RunRecord r = run(spec(exported.getKey().toString(), "samples", "auto", "scale"));
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(r.summary().get("test/accuracy")).isEqualTo(exported.getValue());
    }

    @Test
    void mnistCnnClassifiesTheLibsvmRowsWithRawPixels() throws Exception {
        List<SharedModels.Row> rows = SharedModels.libsvm(SharedModels.require("mnist_test_head.libsvm"), 784);
        byte[] pixels = new byte[rows.size() * 784];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 784; j++) {
                pixels[i * 784 + j] = (byte) Math.round(rows.get(i).features()[j]);
            }
            labels[i] = rows.get(i).label();
        }
        Path data = Files.createDirectories(tmp.resolve("mnist-head"));
        for (String[] f : new String[][] {{IdxFiles.TRAIN_IMAGES, IdxFiles.TRAIN_LABELS}, {IdxFiles.TEST_IMAGES, IdxFiles.TEST_LABELS}}) {
            IdxFiles.images(rows.size(), 28, 28, pixels).write(data.resolve(f[0]));
            IdxFiles.labels(labels).write(data.resolve(f[1]));
        }
        String model = SharedModels.require("cnn_mnist.onnx").toString();
        RunRecord raw = run(spec(model, data.toString(), null, "none"));
        assertThat(raw.status()).as(String.valueOf(raw.error())).isEqualTo(RunStatus.FINISHED);
        assertThat(raw.summary().get("test/accuracy")).isEqualTo(1.0);
        assertThat(raw.summary().get("samples")).isEqualTo(62.0);
    }

    @Test
    void shapeMismatchNamesBothShapesBeforeARunExists() {
        String keras = SharedModels.require("keras_mlp_100x32x1.onnx").toString();
        assertThatThrownBy(() -> run(spec(keras, "samples", null, null)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("100]").hasMessageContaining("1x28x28").hasMessageContaining("784");
        String cnn = SharedModels.require("cnn_mnist.onnx").toString();
        assertThatThrownBy(() -> run(spec(cnn, "samples", "nhwc", null)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("[batch, 1, 28, 28]").hasMessageContaining("nhwc");
        assertThat(tmp.resolve("ws/runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void aSingleOutputValueCannotBeScoredAsAClassifier() {
        Path data = IdxFiles.writeDataset(tmp.resolve("ten-by-ten"), 20, 10, 10, 10, 10, false);
        String keras = SharedModels.require("keras_mlp_100x32x1.onnx").toString();
        assertThatThrownBy(() -> run(spec(keras, data.toString(), null, null)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("single value").hasMessageContaining("cannot be scored as a classifier");
    }

    @Test
    void integerInputsAreRefused() {
        String bert = SharedModels.require("tinybert.onnx").toString();
        assertThatThrownBy(() -> run(spec(bert, "samples", null, null)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("3 inputs");
    }

    @Test
    void gpuIsRefusedWithTheReason() {
        String cnn = SharedModels.require("cnn_mnist.onnx").toString();
        EvalSpec gpu = EvalSpec.builder().model(cnn).dataset("samples").split("test").batchSize(64).device("gpu").threads(1).build();
        assertThatThrownBy(() -> run(gpu)).isInstanceOf(BadInputException.class).hasMessageContaining("CPU");
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] v = {4, 1, 3, 2};
        assertThat(OnnxEvalJob.percentile(v, 50)).isEqualTo(2.5);
        assertThat(OnnxEvalJob.percentile(v, 0)).isEqualTo(1);
        assertThat(OnnxEvalJob.percentile(v, 100)).isEqualTo(4);
        assertThat(OnnxEvalJob.percentile(v, 90)).isCloseTo(3.7, org.assertj.core.data.Offset.offset(1e-12));
    }
}
