package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.onnx.proto.Onnx.NodeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subgraph replacement of a transposed (Gemm transB=1) weight: new nodes given out of order end up sorted. */
class GraphEditorTest {
    @Test
    void chainOfNewNodesIsSortedBeforeItsConsumerAndComputesTheSameFunction() throws Exception {
        OnnxModel model = OnnxModel.read(SharedModels.require("cnn_mnist.onnx"));
        DenseWeight fc2 = DenseWeights.named(model, "fc2.weight");
        assertThat(fc2.transposed()).isTrue();
        // Stored [out=10, in=50] = I(10) · W_stored, written as MatMul -> Identity with the Identity listed first.
        float[] eye = new float[100];
        for (int i = 0; i < 10; i++) {
            eye[i * 10 + i] = 1f;
        }
        float[] stored = fc2.toStorage(fc2.values());
        GraphEditor ed = model.edit();
        String tmp = ed.freshName("fc2.weight_product");
        OnnxModel edited = ed.replaceWithSubgraph("fc2.weight",
                List.of(Tensors.floatTensor("fc2.eye", new long[] {10, 10}, eye),
                        Tensors.floatTensor("fc2.core", new long[] {10, 50}, stored)),
                List.of(Nodes.node("fc2.alias", "Identity", List.of(tmp), List.of("fc2.weight")),
                        Nodes.node("fc2.product", "MatMul", List.of("fc2.eye", "fc2.core"), List.of(tmp))))
                .build();
        List<String> order = edited.graph().getNodeList().stream()
                .map(n -> n.getName().isEmpty() ? n.getOpType() : n.getName()).toList();
        int product = order.indexOf("fc2.product");
        int alias = order.indexOf("fc2.alias");
        int consumer = -1;
        List<NodeProto> nodes = edited.graph().getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getOpType().equals("Gemm") && nodes.get(i).getInputList().contains("fc2.weight")) {
                consumer = i;
            }
        }
        assertThat(product).isLessThan(alias);
        assertThat(alias).isEqualTo(consumer - 1);
        // The original nodes keep their relative order.
        List<String> originalOrder = model.graph().getNodeList().stream().map(n -> n.getOutput(0)).toList();
        List<String> kept = nodes.stream().map(n -> n.getOutput(0)).filter(originalOrder::contains).toList();
        assertThat(kept).containsExactlyElementsOf(originalOrder);

        List<SharedModels.Row> rows = SharedModels.libsvm(SharedModels.require("mnist_test_head.libsvm"), 784);
        FloatTensor x = new FloatTensor(new long[] {1, 1, 28, 28}, rows.get(0).features());
        try (OnnxRunner a = OnnxRunner.open(model, 1); OnnxRunner b = OnnxRunner.open(edited, 1)) {
            float[] ya = a.run(x).data();
            float[] yb = b.run(x).data();
            for (int i = 0; i < ya.length; i++) {
                assertThat(yb[i]).isCloseTo(ya[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
