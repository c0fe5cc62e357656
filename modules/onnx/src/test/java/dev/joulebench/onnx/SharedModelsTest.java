package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PyTorch MNIST CNN and the Keras MLP from ../shared run through ORT and give their published answers. */
class SharedModelsTest {
    @Test
    void cnnMnistClassifiesAll62RowsAsLabelled() throws Exception {
        Path model = SharedModels.require("cnn_mnist.onnx");
        List<SharedModels.Row> rows = SharedModels.libsvm(SharedModels.require("mnist_test_head.libsvm"), 784);
        assertThat(rows).hasSize(62);
        float max = 0;
        for (SharedModels.Row r : rows) {
            for (float v : r.features()) {
                max = Math.max(max, v);
            }
        }
        assertThat(max).as("raw 0..255 pixels, as the README says").isGreaterThan(1f).isLessThanOrEqualTo(255f);
        float[] batch = new float[rows.size() * 784];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i).features(), 0, batch, i * 784, 784);
        }
        try (OnnxRunner runner = OnnxRunner.open(model, 1)) {
            FloatTensor out = runner.run(new FloatTensor(new long[] {rows.size(), 1, 28, 28}, batch));
            assertThat(out.shape()).containsExactly(rows.size(), 10);
            int correct = 0;
            for (int i = 0; i < rows.size(); i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    if (out.data()[i * 10 + c] > out.data()[i * 10 + best]) {
                        best = c;
                    }
                }
                correct += best == rows.get(i).label() ? 1 : 0;
            }
            assertThat(correct).isEqualTo(62);
        }
    }

    @Test
    void kerasMlpReproducesTheTensorFlowReferenceOutput() throws Exception {
        Path model = SharedModels.require("keras_mlp_100x32x1.onnx");
        List<String> lines = Files.readAllLines(SharedModels.require("keras_mlp_100x32x1_io.csv"));
        float[][] io = KerasIo.parse(lines);
        try (OnnxRunner runner = OnnxRunner.open(model, 1)) {
            FloatTensor out = runner.run(new FloatTensor(new long[] {1, 100}, io[0]));
            assertThat(out.shape()).containsExactly(1, 1);
            float err = Math.abs(out.data()[0] - io[1][0]);
            System.out.printf("keras_mlp: ORT %.9f, TensorFlow %.9f, |error| %.3g%n", out.data()[0], io[1][0], err);
            assertThat(err).isLessThan(1e-5f);
        }
    }
}
