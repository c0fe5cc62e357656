package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.joulebench.core.BadInputException;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Exported Joulebench models run through ONNX Runtime give DJL's outputs within 1e-5. */
class OnnxExporterTest {
    @TempDir
    Path tmp;

    static final List<String> TEN = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();

    @ParameterizedTest
    @ValueSource(strings = {"mlp:784-64-32-10", "cnn:1x28x28-c8-c16-d32-10", "cnn:3x8x8-c4-10", "cnn:1x6x6-d5-10"})
    void exportedModelMatchesDjl(String text) throws Exception {
        TorchEngine.configure(7, 1);
        ModelSpec spec = ModelSpec.parse(text);
        int batch = 16;
        float[] x = new float[batch * spec.inputFeatures()];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        float[] djl;
        Path saved = tmp.resolve("model");
        try (Classifier net = new Classifier(spec, TEN, Device.cpu())) {
            net.initializeParameters();
            net.save(saved, "synthetic", 0, null);
            try (NDManager m = net.model().getNDManager().newSubManager()) {
                NDArray in = m.create(x, net.batchShape(batch));
                djl = net.model().getBlock().forward(new ParameterStore(m, false), new NDList(in), false)
                        .singletonOrThrow().toFloatArray();
            }
        }
        Path out = tmp.resolve("exported.onnx");
        ExportedModel exported = OnnxExporter.exportCheckpoint(saved, out);
        assertThat(exported.spec().text()).isEqualTo(text);
        OnnxModel back = OnnxModel.read(out);
        assertThat(GraphSummary.of(back).parameterCount()).isEqualTo(spec.parameterCount());
        long[] shape = new long[spec.sampleShape().length + 1];
        shape[0] = batch;
        System.arraycopy(spec.sampleShape(), 0, shape, 1, spec.sampleShape().length);
        try (OnnxRunner runner = OnnxRunner.open(out, 1)) {
            FloatTensor y = runner.run(new FloatTensor(shape, x));
            assertThat(y.shape()).containsExactly(batch, 10);
            double maxAbs = 0;
            for (int i = 0; i < djl.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(djl[i] - y.data()[i]));
            }
            System.out.printf("export %s: max |ORT - DJL| = %.3g%n", text, maxAbs);
            assertThat(maxAbs).isLessThan(1e-5);
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }

    @Test
    void otherMethodsAndOldCheckpointsAreRefusedNamingWhatCanBeExported() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ff"));
        Files.writeString(dir.resolve("checkpoint.json"),
                "{\"version\":1,\"method\":\"ff\",\"model\":\"mlp:784-10\",\"classes\":10,\"weightsFile\":\"w.params\"}");
        Path out = tmp.resolve("ff.onnx");
        assertThatThrownBy(() -> OnnxExporter.exportCheckpoint(dir, out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'ff'").hasMessageContaining("only backprop (bp) checkpoints");
        assertThat(out).doesNotExist();
        // a header without a version was written before the one checkpoint header existed
        Files.writeString(dir.resolve("checkpoint.json"),
                "{\"format\":\"djl-pytorch\",\"model\":\"mlp:784-10\",\"weightsFile\":\"w.params\"}");
        assertThatThrownBy(() -> OnnxExporter.exportCheckpoint(dir, out))
                .isInstanceOf(BadInputException.class).hasMessageContaining("older Joulebench");
        assertThat(out).doesNotExist();
    }
}
