package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Summaries of the shared models against what their README states and hand-computed MACs. */
class GraphSummaryTest {
    @Test
    void cnnMnistSummary() {
        GraphSummary s = GraphSummary.of(OnnxModel.read(SharedModels.require("cnn_mnist.onnx")));
        assertThat(s.irVersion()).isEqualTo(4);
        assertThat(s.opsets()).contains(new GraphSummary.Opset("ai.onnx", 9));
        assertThat(s.nodesByOp()).containsEntry("Conv", 2).containsEntry("MaxPool", 2).containsEntry("Relu", 4)
                .containsEntry("Gemm", 2).containsEntry("LogSoftmax", 1);
        assertThat(s.initializers()).hasSize(8);
        assertThat(s.parameterCount()).isEqualTo(21_840);
        assertThat(s.parameterBytes()).isEqualTo(21_840L * 4);
        assertThat(s.inputs()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("input_image");
            assertThat(v.type()).isEqualTo("float");
            assertThat(v.shape()).hasSize(4).endsWith("1", "28", "28");
        });
        // conv1: 24x24x10 outputs x 1x5x5; conv2 (after 2x2 pool, 12x12): 8x8x20 x 10x5x5; fc1 320x50; fc2 50x10.
        assertThat(s.macs()).extracting(GraphSummary.NodeMacs::macs)
                .containsExactly(24L * 24 * 10 * 25, 8L * 8 * 20 * 250, 320L * 50, 50L * 10);
    }

    @Test
    void kerasMlpMacsAreTheDenseProducts() {
        GraphSummary s = GraphSummary.of(OnnxModel.read(SharedModels.require("keras_mlp_100x32x1.onnx")));
        assertThat(s.parameterCount()).isEqualTo(3_265);
        assertThat(s.macs()).extracting(GraphSummary.NodeMacs::macs).containsExactly(100L * 32, 32L);
        assertThat(s.totalMacs()).isEqualTo(100L * 32 + 32);
    }

    @Test
    void tinyBertShapesResolveThroughPyTorchsShapeArithmetic() {
        GraphSummary s = GraphSummary.of(OnnxModel.read(SharedModels.require("tinybert.onnx")));
        assertThat(s.inputs()).extracting(GraphSummary.Value::type).containsOnly("int64");
        // hidden 50, intermediate 200, sequence taken as 1: Q, K, V, attention output 50x50 each; scores and
        // context 1x50x1 each; FFN 50x200 twice; pooler Gemm 50x50.
        assertThat(s.macs()).extracting(GraphSummary.NodeMacs::macs)
                .containsExactly(2_500L, 2_500L, 2_500L, 50L, 50L, 2_500L, 10_000L, 10_000L, 2_500L);
        assertThat(s.totalMacs()).isEqualTo(32_600);
    }
}
