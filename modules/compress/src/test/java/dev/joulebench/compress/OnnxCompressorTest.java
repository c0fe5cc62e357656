package dev.joulebench.compress;

import dev.joulebench.core.spec.CompressSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.DenseWeight;
import dev.joulebench.onnx.DenseWeights;
import dev.joulebench.onnx.ExportedModel;
import dev.joulebench.onnx.FloatTensor;
import dev.joulebench.onnx.GraphEditor;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.onnx.OnnxRunner;
import dev.joulebench.onnx.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Joulebench MLP exported to ONNX (Gemm, weights stored [out, in]), its weights replaced by MPO chains. */
class OnnxCompressorTest {
    private static long parameters(OnnxModel m) {
        return m.initializers().values().stream().filter(t -> t.getDataType() == 1).mapToLong(Tensors::count).sum();
    }

    @Test
    void compressedOnnxRunsInOrtEqualsTheDenseReconstructionAndIsSmaller(@TempDir Path workspace) throws Exception {
        CompressRuns runs = new CompressRuns(workspace);
        String trained = runs.trainSamples("mlp:784-100-64-10", 1, 1000);
        ExportedModel exported = OnnxExporter.exportCheckpoint(runs.store.resolveDir(trained).resolve("model"),
                workspace.resolve("dense.onnx"));
        OnnxModel dense = exported.model();

        OnnxCompressor.Result r = OnnxCompressor.compress(dense, List.of(), 6, 3);
        assertThat(r.layers()).extracting(OnnxCompressor.Replaced::initializer).contains("dense0.weight", "dense1.weight");
        Path compressedFile = workspace.resolve("compressed.onnx");
        r.model().write(compressedFile);

        // the same graph with each replaced weight set to its dense reconstruction
        GraphEditor ed = dense.edit();
        for (DenseWeight w : DenseWeights.of(dense)) {
            if (r.reconstruction().containsKey(w.initializer())) {
                ed.setWeight(w, r.reconstruction().get(w.initializer()).values());
            }
        }
        OnnxModel reference = ed.build();

        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[4 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        FloatTensor input = new FloatTensor(new long[] {4, 784}, x);
        try (OnnxRunner compressed = OnnxRunner.open(compressedFile, 1);
             OnnxRunner ref = OnnxRunner.open(reference, 1)) {
            float[] got = compressed.run(input).data();
            float[] expected = ref.run(input).data();
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < got.length; i++) {
                assertThat((double) Math.abs(got[i] - expected[i])).as("logit %d", i)
                        .isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(expected[i])));
            }
        }
        long saved = r.layers().stream().mapToLong(l -> l.denseParams() - l.coreParams()).sum();
        assertThat(saved).isPositive();
        assertThat(parameters(r.model())).isEqualTo(parameters(dense) - saved);
        assertThat(Files.size(compressedFile)).isLessThan(Files.size(exported.file()) - 4 * saved + 4096);
    }

    @Test
    void theCompressJobMeasuresBothOnnxFilesInOrt(@TempDir Path workspace) throws Exception {
        CompressRuns runs = new CompressRuns(workspace);
        String trained = runs.trainSamples("mlp:784-100-10", 1, 1000);
        Path onnx = workspace.resolve("mlp.onnx");
        OnnxExporter.exportCheckpoint(runs.store.resolveDir(trained).resolve("model"), onnx);
        var r = runs.run(CompressSpec.builder().method("mpo").model(onnx.toString()).dataset("samples").chi(8).layers(List.of("dense0.weight")).healEpochs(0).batchSize(64).seed(42L).device("cpu").threads(1).build());
        assertThat(r.status()).as(String.valueOf(r.error())).isEqualTo(dev.joulebench.core.store.RunStatus.FINISHED);
        var s = r.summary();
        assertThat(s.get("after/params")).isLessThan(s.get("before/params"));
        assertThat(s.get("after/file_bytes")).isLessThan(s.get("before/file_bytes"));
        assertThat(s.get("before/test_accuracy")).isGreaterThan(0.5);
        assertThat(s.get("after/test_accuracy")).isGreaterThan(0.1);
        assertThat(runs.store.resolveDir(r.id()).resolve("model/compressed.onnx")).exists();
        assertThatThrownBy(() -> runs.runner.submit(CompressSpec.builder().method("mpo").model(onnx.toString()).dataset("samples").chi(8).healEpochs(1).batchSize(64).seed(42L).device("cpu").threads(1).build()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be healed");
    }

    @Test
    void unknownWeightNamesAreBadInput(@TempDir Path workspace) throws Exception {
        CompressRuns runs = new CompressRuns(workspace);
        String trained = runs.trainSamples("mlp:784-16-10", 1, 300);
        OnnxModel dense = OnnxExporter.exportCheckpoint(runs.store.resolveDir(trained).resolve("model"),
                workspace.resolve("dense.onnx")).model();
        assertThatThrownBy(() -> OnnxCompressor.compress(dense, List.of("nope"), 4, 2))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dense0.weight");
    }
}
