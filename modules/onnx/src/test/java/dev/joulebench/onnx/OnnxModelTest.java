package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the reader refuses, and how. */
class OnnxModelTest {
    @TempDir
    Path tmp;

    @Test
    void textIsNotOnnx() throws Exception {
        Path f = tmp.resolve("notes.onnx");
        Files.writeString(f, "this is a README, not a model\n");
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString()).hasMessageMatching("(?s).*(not a readable ONNX model|not a usable ONNX model).*");
    }

    @Test
    void emptyAndMissingFiles() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.onnx"));
        assertThatThrownBy(() -> OnnxModel.read(empty)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no graph");
        assertThatThrownBy(() -> OnnxModel.read(tmp.resolve("nope.onnx"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void truncatedFilesAreRefused() throws Exception {
        byte[] all = Files.readAllBytes(SharedModels.require("cnn_mnist.onnx"));
        for (int keep : new int[] {all.length / 2, all.length - 3, 10}) {
            Path f = tmp.resolve("cut" + keep + ".onnx");
            Files.write(f, Arrays.copyOf(all, keep));
            assertThatThrownBy(() -> OnnxModel.read(f)).as("%d of %d bytes", keep, all.length)
                    .isInstanceOf(BadInputException.class).hasMessageContaining(f.toString());
        }
    }

    @Test
    void aMissingInitializerIsNamed() throws Exception {
        OnnxModel m = OnnxModel.read(SharedModels.require("keras_mlp_100x32x1.onnx"));
        String removed = m.graph().getInitializer(0).getName();
        ModelProto broken = m.proto().toBuilder().setGraph(m.graph().toBuilder().removeInitializer(0)).build();
        Path f = tmp.resolve("broken.onnx");
        Files.write(f, broken.toByteArray());
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'" + removed + "'").hasMessageContaining("missing initializer");
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        OnnxModel m = OnnxModel.read(SharedModels.require("keras_mlp_100x32x1.onnx"));
        Path out = tmp.resolve("sub/model.onnx");
        m.write(out);
        m.write(out);
        assertThat(Files.readAllBytes(out)).isEqualTo(m.toBytes());
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("model.onnx");
        }
    }

    @Test
    void editsThatLeaveDanglingReferencesAreRefused() {
        OnnxModel m = OnnxModel.read(SharedModels.require("keras_mlp_100x32x1.onnx"));
        String w = DenseWeights.of(m).get(0).initializer();
        assertThatThrownBy(() -> m.edit().removeInitializer(w).build()).isInstanceOf(BadInputException.class)
                .hasMessageContaining(w);
        assertThatThrownBy(() -> m.edit().replaceWithSubgraph(w, List.of(), List.of(
                Nodes.node(null, "Identity", List.of("nothing"), List.of("other"))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void denseWeightsOfTheMnistCnnHaveTheDocumentedOrientation() {
        OnnxModel m = OnnxModel.read(SharedModels.require("cnn_mnist.onnx"));
        List<DenseWeight> w = DenseWeights.of(m);
        assertThat(w).extracting(DenseWeight::initializer)
                .containsExactly("conv1.weight", "conv2.weight", "fc1.weight", "fc2.weight");
        assertThat(w.get(0).kind()).isEqualTo(DenseWeight.Kind.CONV_KERNEL);
        assertThat(w.get(0).shape()).containsExactly(10, 1, 5, 5);
        // PyTorch's Linear is Gemm(transB=1) with weight [out, in]; extracted as [in, out].
        DenseWeight fc1 = w.get(2);
        assertThat(fc1.shape()).containsExactly(320, 50);
        assertThat(fc1.transposed()).isTrue();
        float[] stored = Tensors.floats(m.initializer("fc1.weight"), null);
        // stored[o * 320 + i] is input i -> output o; extracted values[i * 50 + o].
        assertThat(fc1.values()[7 * 50 + 3]).isEqualTo(stored[3 * 320 + 7]);
        assertThat(fc1.toStorage(fc1.values())).containsExactly(stored);
    }
}
