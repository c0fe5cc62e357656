package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model files and tensors that claim what they cannot hold, or point where they should not. */
class OnnxHostileInputTest {
    static final long T40 = 1L << 40;

    @TempDir
    Path tmp;

    private Path write(String name, ModelProto m) throws Exception {
        return TestModels.write(tmp, name, m);
    }

    private ModelProto withW3(TensorProto w3) {
        ModelProto m = TestModels.small();
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("W3")) {
                g.setInitializer(i, w3);
            }
        }
        return m.toBuilder().setGraph(g).build();
    }

    /** A named pipe; skipped where mkfifo is missing (not a POSIX system). */
    static Path mkfifo(Path p) throws Exception {
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo: " + e.getMessage());
            return p;
        }
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
        return p;
    }

    @Test
    void theSmallModelReadsAndItsExternalWeightIsDecoded() throws Exception {
        OnnxModel m = OnnxModel.read(write("small.onnx", TestModels.small()));
        GraphSummary s = GraphSummary.of(m);
        // Conv [N,2,2,2] from 2x(1x3x3) kernels: 8 outputs x 9; Gemm 8x3; MatMul 3x2.
        assertThat(s.macs()).extracting(GraphSummary.NodeMacs::macs).containsExactly(72L, 24L, 6L);
        assertThat(s.parameterCount()).isEqualTo(18 + 2 + 24 + 3 + 6);
        DenseWeight w3 = DenseWeights.named(m, "W3");
        assertThat(w3.values()).containsExactly(TestModels.W3);
    }

    @Test
    void hugeDimsAreRefusedNamingTheTensorAndItsDims() throws Exception {
        Path f = write("huge.onnx", TestModels.gemm(TestModels.claiming("w", new long[] {T40, T40}, 4), T40));
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("initializer 'w'")
                .hasMessageContaining("[1099511627776, 1099511627776]").hasMessageContaining("2^63");
        // Built in memory (never checked), the count still refuses instead of wrapping round to 0.
        OnnxModel unchecked = new OnnxModel(TestModels.gemm(TestModels.claiming("w", new long[] {T40, T40}, 4), 4), null);
        assertThatThrownBy(() -> GraphSummary.of(unchecked)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'w'");
        assertThatThrownBy(() -> DenseWeights.of(unchecked)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'w'");
    }

    @Test
    void dimsThatTheDataDoesNotFillAreRefused() throws Exception {
        Path f = write("claims.onnx", TestModels.gemm(TestModels.claiming("w", new long[] {T40, 1}, 4), T40));
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("initializer 'w' declares dims [1099511627776, 1]").hasMessageContaining("holds 16 bytes");
        TensorProto typed = TensorProto.newBuilder().setName("t").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(5).addFloatData(1).build();
        Path g = write("typed.onnx", TestModels.gemm(typed, 5));
        assertThatThrownBy(() -> OnnxModel.read(g)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("initializer 't'").hasMessageContaining("but holds 1");
    }

    @Test
    void negativeDimsAreRefusedButDynamicInputDimsStillRead() throws Exception {
        Path f = write("neg.onnx", TestModels.gemm(TestModels.claiming("w", new long[] {-3, 4}, 12), 4));
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("initializer 'w' has dim -3 at axis 0 of [-3, 4]");

        ModelProto dynamic = TestModels.gemm(Tensors.floatTensor("w", new long[] {4, 2}, new float[8]), 4);
        for (Object batch : List.of("batch", -1L, 0L)) {
            ModelProto m = dynamic.toBuilder().setGraph(dynamic.getGraph().toBuilder()
                    .setInput(0, TestModels.valueInfo("x", batch, 4))).build();
            GraphSummary s = GraphSummary.of(OnnxModel.read(write("dyn.onnx", m)));
            assertThat(s.inputs().get(0).shape()).containsExactly(String.valueOf(batch), "4");
            assertThat(s.totalMacs()).as("batch %s taken as 1", batch).isEqualTo(8);
        }
        ModelProto below = dynamic.toBuilder().setGraph(dynamic.getGraph().toBuilder()
                .setInput(0, TestModels.valueInfo("x", -5L, 4))).build();
        Path b = write("below.onnx", below);
        assertThatThrownBy(() -> OnnxModel.read(b)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("input 'x' has dim -5 at axis 0 of [-5, 4]");
    }

    @Test
    void inputsWhoseBytesOverflowAreRefused() throws Exception {
        ModelProto m = TestModels.gemm(Tensors.floatTensor("w", new long[] {4, 2}, new float[8]), 4);
        ModelProto huge = m.toBuilder().setGraph(m.getGraph().toBuilder()
                .setInput(0, TestModels.valueInfo("x", T40, T40))).build();
        Path f = write("input.onnx", huge);
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("input 'x' declares dims [1099511627776, 1099511627776]");
    }

    @Test
    void macsPastSixtyFourBitsAreRefusedNamingTheNode() throws Exception {
        // Each input fits (2^60 floats is 2^62 bytes), their product of 2^90 MACs does not.
        long d = 1L << 30;
        GraphProto g = GraphProto.newBuilder().addInput(TestModels.valueInfo("a", d, d))
                .addInput(TestModels.valueInfo("b", d, d))
                .addNode(Nodes.node("mm", "MatMul", List.of("a", "b"), List.of("y")))
                .addOutput(TestModels.valueInfo("y", d, d)).build();
        OnnxModel m = OnnxModel.read(write("macs.onnx", TestModels.model(g)));
        assertThatThrownBy(() -> GraphSummary.of(m)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'mm' (MatMul)").hasMessageContaining("2^63");
    }

    @Test
    void hostileAttributesAndRanksLeaveShapesUnknownInsteadOfFailing() throws Exception {
        ModelProto base = TestModels.small();
        GraphProto.Builder g = base.getGraph().toBuilder();
        g.setNode(0, Nodes.node("conv", "Conv", List.of("x", "W", "B"), List.of("c"), Nodes.intAttr("group", 0),
                Nodes.intsAttr("strides", 0, 0)));
        GraphSummary s = GraphSummary.of(OnnxModel.read(write("attrs.onnx", base.toBuilder().setGraph(g).build())));
        // Conv cannot be sized (stride 0, group 0), so neither can what follows it.
        assertThat(s.macs()).extracting(GraphSummary.NodeMacs::macs).containsExactly(-1L, -1L, -1L);
        assertThat(s.assumptions()).anyMatch(a -> a.contains("could not be inferred"));
        // A rank-1 Gemm input used to index past its shape.
        ModelProto gemm = TestModels.gemm(Tensors.floatTensor("w", new long[] {4, 2}, new float[8]), 4);
        ModelProto rank1 = gemm.toBuilder().setGraph(gemm.getGraph().toBuilder().setInput(0, TestModels.valueInfo("x", 4L)))
                .build();
        assertThat(GraphSummary.of(OnnxModel.read(write("rank1.onnx", rank1))).macs())
                .extracting(GraphSummary.NodeMacs::macs).containsExactly(-1L);
    }

    @Test
    void externalDataThroughALinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(outside.resolve("secret.bin"), TestModels.weightsFile());
        Path modelDir = Files.createDirectories(tmp.resolve("model"));
        Files.createSymbolicLink(modelDir.resolve("link.bin"), outside.resolve("secret.bin"));
        Path f = TestModels.write(modelDir, "m.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, "link.bin", 8, 24)));
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("initializer 'W3'").hasMessageContaining("outside the model's folder")
                .hasMessageContaining("secret.bin");
        // The lazy reader refuses it too, for a model that was never checked.
        OnnxModel unchecked = new OnnxModel(TestModels.small(), modelDir);
        TensorProto viaLink = TestModels.external("W3", new long[] {3, 2}, "link.bin", 8, 24);
        assertThatThrownBy(() -> Tensors.floats(viaLink, unchecked.directory())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("outside the model's folder");
        // A link that stays inside the folder is fine.
        Files.createSymbolicLink(modelDir.resolve("inside.bin"), modelDir.resolve(TestModels.WEIGHTS_FILE));
        OnnxModel ok = OnnxModel.read(TestModels.write(modelDir, "ok.onnx",
                withW3(TestModels.external("W3", new long[] {3, 2}, "inside.bin", 8, 24))));
        assertThat(DenseWeights.named(ok, "W3").values()).containsExactly(TestModels.W3);
    }

    @Test
    void externalLocationsOutsideByNameAreRefused() throws Exception {
        for (String location : List.of("../weights.bin", "/etc/passwd", "sub/../../x.bin", "", "nul\0.bin", ".")) {
            Path f = write("loc.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, location, -1, -1)));
            assertThatThrownBy(() -> OnnxModel.read(f)).as(location).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("initializer 'W3'").hasMessageNotContaining("\0");
        }
    }

    @Test
    void externalDataInAPipeIsRefusedWithoutBlocking() throws Exception {
        mkfifo(tmp.resolve("pipe.bin"));
        Path f = write("pipe.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, "pipe.bin", -1, -1)));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> OnnxModel.read(f))
                .isInstanceOf(BadInputException.class).hasMessageContaining("named pipe")
                .hasMessageContaining("not a regular file"));
        TensorProto t = TestModels.external("W3", new long[] {3, 2}, "pipe.bin", -1, -1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> Tensors.floats(t, tmp))
                .isInstanceOf(BadInputException.class).hasMessageContaining("named pipe"));
    }

    @Test
    void externalOffsetsAndLengthsPastTheFileAreRefused() throws Exception {
        int size = TestModels.weightsFile().length; // 32
        record Case(long offset, long length, String expected) {}
        for (Case c : List.of(new Case(1000, -1, "offset 1000 is beyond the end"),
                new Case(8, 1000, "length 1000 go beyond the end"),
                new Case(Long.MAX_VALUE, 24, "beyond the end"),
                new Case(16, -1, "has 16 bytes from offset 16"),
                new Case(8, 12, "has 12 bytes from offset 8"))) {
            Path f = write("off.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, TestModels.WEIGHTS_FILE,
                    c.offset(), c.length())));
            assertThatThrownBy(() -> OnnxModel.read(f)).as("%s", c).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("'W3'").hasMessageContaining(c.expected())
                    .hasMessageContaining(c.expected().contains("end") ? "(" + size + " bytes)" : "");
        }
        TensorProto words = TestModels.external("W3", new long[] {3, 2}, TestModels.WEIGHTS_FILE, 8, 24).toBuilder()
                .setExternalData(1, TestModels.entry("offset", "eight")).build();
        Path f = write("nan.onnx", withW3(words));
        assertThatThrownBy(() -> OnnxModel.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("offset 'eight' is not a number");
        Path g = write("neg.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, TestModels.WEIGHTS_FILE, -1, -1)
                .toBuilder().addExternalData(TestModels.entry("offset", "-8")).build()));
        assertThatThrownBy(() -> OnnxModel.read(g)).isInstanceOf(BadInputException.class).hasMessageContaining("negative");
        Path h = write("gone.onnx", withW3(TestModels.external("W3", new long[] {3, 2}, "absent.bin", -1, -1)));
        assertThatThrownBy(() -> OnnxModel.read(h)).isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aModelThatIsAPipeIsRefusedWithoutBlocking() throws Exception {
        Path fifo = mkfifo(tmp.resolve("model.onnx"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> OnnxModel.read(fifo))
                .isInstanceOf(BadInputException.class).hasMessageContaining(fifo.toString())
                .hasMessageContaining("named pipe (FIFO)").hasMessageContaining("not a regular file"));
    }

    @Test
    void directoriesAndDevicesAreNotModels() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir.onnx"));
        assertThatThrownBy(() -> OnnxModel.read(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a directory");
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero");
        Path link = Files.createSymbolicLink(tmp.resolve("zero.onnx"), zero);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> OnnxModel.read(link))
                .isInstanceOf(BadInputException.class).hasMessageContaining("character device"));
        // A link to a real model is followed: only external data is confined to the model's folder.
        Path real = write("real.onnx", TestModels.small());
        Path toReal = Files.createSymbolicLink(tmp.resolve("alias.onnx"), real);
        assertThat(OnnxModel.read(toReal).graph().getName()).isEqualTo("small");
    }

    @Test
    void weightsTooBigForOneArrayAreRefusedBeforeAllocating() throws Exception {
        // [2^30, 4] floats backed by a sparse 32 GiB file: the reference is fine, one array of 2^32 values is not.
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("big.bin").toFile(), "rw")) {
            f.setLength(1L << 35);
        }
        ModelProto big = withW3(TestModels.external("W3", new long[] {1L << 30, 4}, "big.bin", -1, -1));
        OnnxModel m = OnnxModel.read(write("big.onnx", big.toBuilder().setGraph(big.getGraph().toBuilder()
                .clearNode().addNode(Nodes.node("mm", "MatMul", List.of("x", "W3"), List.of("y")))).build()));
        assertThatThrownBy(() -> DenseWeights.of(m)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'W3'").hasMessageContaining("reads at most");
    }

    @Test
    void emptyWeightsAreLeftOutAndHugeDimsOfEmptyOnesRefused() throws Exception {
        OnnxModel empty = OnnxModel.read(write("empty.onnx",
                TestModels.gemm(Tensors.floatTensor("w", new long[] {0, 3}, new float[0]), 0)));
        assertThat(DenseWeights.of(empty)).isEmpty();
        OnnxModel wide = OnnxModel.read(write("wide.onnx", TestModels.gemm(TestModels.claiming("w", new long[] {0, T40}, 0), 0)));
        assertThatThrownBy(() -> DenseWeights.of(wide)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'w' has dim 1099511627776 at axis 1");
    }

    @Test
    void aFixedBatchLargerThanTheDatasetIsRefused() {
        OnnxModel m = ImageInputTest.model(1, 1L << 40, 2, 2, 3);
        assertThatThrownBy(() -> ImageInput.plan(m, ImageInputTest.DATA, null, null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("fixes the batch at 1099511627776");
    }

    @Test
    void integerTensorsShortOfDataAreRefusedNotUnderflowed() {
        TensorProto shortRaw = Tensors.int64Tensor("s", new long[] {1}, new long[] {1}).toBuilder().setDims(0, 3).build();
        assertThatThrownBy(() -> Tensors.longs(shortRaw, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'s' has 8 data bytes for 3");
        TensorProto shortTyped = TensorProto.newBuilder().setName("s").setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(2).addInt64Data(1).build();
        assertThatThrownBy(() -> Tensors.longs(shortTyped, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("declares 2 values but holds 1");
    }
}
