package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read → write → read keeps every byte; replacing one weight changes that tensor and nothing else. */
class RoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void sharedModelsReEncodeToTheSameBytes() throws Exception {
        for (String name : List.of("cnn_mnist.onnx", "keras_mlp_100x32x1.onnx", "tinybert.onnx")) {
            Path file = SharedModels.require(name);
            byte[] original = Files.readAllBytes(file);
            OnnxModel model = OnnxModel.read(file);
            Path copy = tmp.resolve(name);
            model.write(copy);
            assertThat(Files.readAllBytes(copy)).as(name).isEqualTo(original);
            assertThat(OnnxModel.read(copy).proto()).isEqualTo(model.proto());
        }
    }

    @Test
    void onnxNodeTestModelsReEncodeToTheSameBytes() throws Exception {
        Path node = Fixtures.onnxNodeTests();
        int checked = 0;
        try (var cases = Files.list(node)) {
            for (Path dir : cases.sorted().toList()) {
                Path file = dir.resolve("model.onnx");
                if (!dir.getFileName().toString().matches("test_(gemm|matmul|conv|relu|softmax|add).*")
                        || !Files.isRegularFile(file)) {
                    continue;
                }
                OnnxModel model = OnnxModel.read(file);
                assertThat(model.toBytes()).as(dir.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void weightReplacementChangesOnlyThatTensor() throws Exception {
        OnnxModel model = OnnxModel.read(SharedModels.require("cnn_mnist.onnx"));
        List<DenseWeight> weights = DenseWeights.of(model);
        DenseWeight fc = weights.stream().filter(w -> w.kind() == DenseWeight.Kind.MATRIX).findFirst().orElseThrow();
        float[] scaled = fc.values().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.5f;
        }
        OnnxModel edited = model.edit().setWeight(fc, scaled).build();
        Path out = tmp.resolve("edited.onnx");
        edited.write(out);
        OnnxModel back = OnnxModel.read(out);

        assertThat(back.graph().getNodeList()).isEqualTo(model.graph().getNodeList());
        assertThat(back.graph().getInputList()).isEqualTo(model.graph().getInputList());
        assertThat(back.graph().getOutputList()).isEqualTo(model.graph().getOutputList());
        assertThat(back.proto().getOpsetImportList()).isEqualTo(model.proto().getOpsetImportList());
        Map<String, TensorProto> before = model.initializers();
        Map<String, TensorProto> after = back.initializers();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        for (String name : before.keySet()) {
            if (name.equals(fc.initializer())) {
                assertThat(after.get(name)).isNotEqualTo(before.get(name));
                assertThat(after.get(name).getDimsList()).isEqualTo(before.get(name).getDimsList());
                assertThat(after.get(name).toByteString().size()).isEqualTo(before.get(name).toByteString().size());
            } else {
                assertThat(after.get(name).toByteString()).as(name).isEqualTo(before.get(name).toByteString());
            }
        }
        DenseWeight reread = DenseWeights.named(back, fc.initializer());
        assertThat(reread.values()).containsExactly(scaled);
        assertThat(reread.shape()).containsExactly(fc.shape());
    }

    @Test
    void weightReplacedByAnExactFactorisationGivesTheSameOutputs() throws Exception {
        Path file = SharedModels.require("keras_mlp_100x32x1.onnx");
        OnnxModel model = OnnxModel.read(file);
        DenseWeight first = DenseWeights.of(model).get(0);
        assertThat(first.shape()).containsExactly(100, 32);
        // W = U · V with U = W and V = I (32x32): the rewritten graph must compute exactly the same function.
        int out = first.outputs();
        float[] identity = new float[out * out];
        for (int i = 0; i < out; i++) {
            identity[i * out + i] = 1f;
        }
        GraphEditor ed = model.edit();
        String u = ed.freshName(first.initializer() + "_u");
        String v = ed.freshName(first.initializer() + "_v");
        OnnxModel edited = ed.replaceWithSubgraph(first.initializer(),
                List.of(Tensors.floatTensor(u, new long[] {100, out}, first.values()),
                        Tensors.floatTensor(v, new long[] {out, out}, identity)),
                List.of(Nodes.node("factor_" + first.initializer(), "MatMul", List.of(u, v), List.of(first.initializer()))))
                .build();
        assertThat(edited.initializer(first.initializer())).isNull();
        // The new node sits just before the first node that reads the weight.
        List<NodeProto> nodes = edited.graph().getNodeList();
        int producer = -1;
        int consumer = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).getOutputList().contains(first.initializer())) {
                producer = i;
            }
            if (consumer < 0 && nodes.get(i).getInputList().contains(first.initializer())) {
                consumer = i;
            }
        }
        assertThat(producer).isEqualTo(consumer - 1);
        float[][] io = KerasIo.parse(Files.readAllLines(SharedModels.require("keras_mlp_100x32x1_io.csv")));
        FloatTensor x = new FloatTensor(new long[] {1, 100}, io[0]);
        try (OnnxRunner a = OnnxRunner.open(model, 1); OnnxRunner b = OnnxRunner.open(edited, 1)) {
            assertThat(b.run(x).data()[0]).isCloseTo(a.run(x).data()[0], org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
