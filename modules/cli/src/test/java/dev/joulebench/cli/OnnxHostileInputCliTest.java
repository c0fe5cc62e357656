package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.onnx.Nodes;
import dev.joulebench.onnx.Tensors;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.OperatorSetIdProto;
import dev.joulebench.onnx.proto.Onnx.StringStringEntryProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.TypeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * inspect, spectra, eval and compress on ONNX files that lie about their dims or point where they should not:
 * each exits 2 with "error: ..." naming the file, and nothing on stderr looks like a stack trace.
 */
class OnnxHostileInputCliTest {
    static final long T40 = 1L << 40;

    @TempDir
    Path workspace;

    @TempDir
    Path files;

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    /** Exit 2, an "error: " line naming {@code file} and saying {@code expected}, and no trace. */
    private static void refused(Result r, Path file, String expected) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("error: ").contains(file.toString()).contains(expected)
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static ValueInfoProto input(String name, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    /** x [N, k] → Gemm with weight {@code w} → y. */
    private Path gemm(String name, TensorProto w, long k) throws Exception {
        GraphProto g = GraphProto.newBuilder().addInput(input("x", "N", k)).addInitializer(w)
                .addNode(Nodes.node("fc", "Gemm", List.of("x", w.getName()), List.of("y")))
                .addOutput(ValueInfoProto.newBuilder().setName("y")).build();
        return write(name, g);
    }

    private Path write(String name, GraphProto g) throws Exception {
        ModelProto m = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        return Files.write(files.resolve(name), m.toByteArray());
    }

    /** A float tensor that declares {@code dims} but holds four floats. */
    private static TensorProto claiming(long... dims) {
        TensorProto.Builder b = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(Tensors.floatTensor("", new long[] {4}, new float[4]).getRawData()).build();
    }

    private static TensorProto external(String location, long offset) {
        return TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(String.valueOf(offset)))
                .build();
    }

    @Test
    void hugeDimsAreRefusedByInspectSpectraEvalAndCompress() throws Exception {
        Path huge = gemm("huge.onnx", claiming(T40, T40), T40);
        String dims = "[1099511627776, 1099511627776]";
        refused(cli("inspect", "--model", huge.toString()), huge, "initializer 'w' declares dims " + dims);
        refused(cli("inspect", "--model", huge.toString(), "--json"), huge, dims);
        refused(cli("spectra", "--model", huge.toString()), huge, dims);
        refused(cli("eval", "--model", huge.toString(), "--dataset", "samples"), huge, dims);
        refused(cli("compress", "--method", "mpo", "--model", huge.toString(), "--dataset", "samples", "--chi", "4"),
                huge, dims);
        assertThat(workspace.resolve("runs")).doesNotExist();
    }

    @Test
    void negativeDimsAreRefusedAndDynamicOnesStillInspect() throws Exception {
        Path negative = gemm("negative.onnx", claiming(-4, 1), 4);
        refused(cli("inspect", "--model", negative.toString()), negative, "initializer 'w' has dim -4 at axis 0");
        refused(cli("spectra", "--model", negative.toString()), negative, "dim -4");
        Path dynamic = gemm("dynamic.onnx", claiming(2, 2), 2);
        Result ok = cli("inspect", "--model", dynamic.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("[N, 2]").contains("parameters 4").contains("MACs per sample 4");
    }

    @Test
    void overflowingMacsAndUnindexableWeightsNameTheFile() throws Exception {
        long d = 1L << 30;
        Path macs = write("macs.onnx", GraphProto.newBuilder().addInput(input("a", d, d)).addInput(input("b", d, d))
                .addNode(Nodes.node("mm", "MatMul", List.of("a", "b"), List.of("y")))
                .addOutput(input("y", d, d)).build());
        refused(cli("inspect", "--model", macs.toString()), macs, "'mm' (MatMul)");
        Path wide = gemm("wide.onnx", claiming(0, T40).toBuilder().clearRawData().setRawData(
                com.google.protobuf.ByteString.EMPTY).build(), 0);
        refused(cli("spectra", "--model", wide.toString()), wide, "dim 1099511627776 at axis 1");
    }

    @Test
    void garbageTruncatedPipesAndDirectoriesAreRefusedQuickly() throws Exception {
        Path good = gemm("good.onnx", claiming(2, 2), 2);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(files.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length - 5));
        Path noise = Files.write(files.resolve("noise.onnx"), new byte[] {(byte) 0xff, 0x12, 0x00, 0x7f, 0x08});
        Path dir = Files.createDirectories(files.resolve("dir.onnx"));
        for (Path p : List.of(cut, noise, dir)) {
            refused(cli("inspect", "--model", p.toString()), p, "");
            refused(cli("spectra", "--model", p.toString()), p, "");
        }
        Path fifo = files.resolve("pipe.onnx");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            refused(cli("inspect", "--model", fifo.toString()), fifo, "named pipe (FIFO)");
            refused(cli("eval", "--model", fifo.toString(), "--dataset", "samples"), fifo, "named pipe (FIFO)");
        });
    }

    @Test
    void externalDataOutsideTheFolderOrPastItsFileIsRefused() throws Exception {
        Path outside = Files.createDirectories(workspace.resolve("elsewhere")).resolve("secret.bin");
        Files.write(outside, new byte[64]);
        Files.createSymbolicLink(files.resolve("link.bin"), outside);
        Path viaLink = gemm("link.onnx", external("link.bin", 0), 2);
        refused(cli("inspect", "--model", viaLink.toString()), viaLink, "outside the model's folder");
        Files.write(files.resolve("short.bin"), new byte[16]);
        Path past = gemm("past.onnx", external("short.bin", 64), 2);
        refused(cli("inspect", "--model", past.toString()), past, "offset 64 is beyond the end");
        Path fits = gemm("fits.onnx", external("short.bin", 0), 2);
        Result ok = cli("inspect", "--model", fits.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
    }
}
