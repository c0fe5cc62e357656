package dev.joulebench.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.onnx.proto.Onnx.AttributeProto;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import dev.joulebench.testkit.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of small real models through the readers (OnnxModel.read, GraphSummary, DenseWeights,
 * Tensors, ImageInput): each mutant is either read or refused with a {@link BadInputException} whose message
 * is plain words; any other exception, or a hang, fails with the seed, the mutant's number and its kind.
 * ONNX Runtime is left out: its native code is not this reader, and a crash there would take the JVM down.
 */
class OnnxFuzzTest {
    /** Another seed or more mutants: -Djoulebench.fuzz.seed=N -Djoulebench.fuzz.mutants=N. */
    static final long SEED = Long.getLong("joulebench.fuzz.seed", 0x13_0ade_5eedL);
    static final int MUTANTS = Integer.getInteger("joulebench.fuzz.mutants", 600);
    /** Interesting dims and ints: signs, zero, the int and long edges, powers that overflow when multiplied. */
    static final long[] EDGES = {Long.MIN_VALUE, -(1L << 40), -2, -1, 0, 1, 2, 3, 7, Integer.MAX_VALUE,
        1L << 31, 1L << 32, 1L << 40, 1L << 62, Long.MAX_VALUE};

    enum Kind { BIT_FLIPS, TRUNCATION, BYTES, SPLICE, DIMS, ATTRIBUTES, DATA, EXTERNAL }

    @TempDir
    Path tmp;

    @Test
    void theSeedIsAModelOnnxRuntimeRunsAsWritten() throws Exception {
        Path f = TestModels.write(tmp, "small.onnx", TestModels.small());
        float[] x = TestModels.ramp(16, 0.25f);
        try (OnnxRunner r = OnnxRunner.open(f, 1)) {
            FloatTensor y = r.run(new FloatTensor(new long[] {1, 1, 4, 4}, x));
            assertThat(y.shape()).containsExactly(1, 2);
            float[] expected = reference(x);
            assertThat(y.data()[0]).isCloseTo(expected[0], org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(y.data()[1]).isCloseTo(expected[1], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    /** {@link TestModels#small()} by hand: 3x3 conv, relu, flatten, Gemm with transB, MatMul. */
    private static float[] reference(float[] x) {
        float[] w = TestModels.ramp(18, 0.1f);
        float[] bias = {0.5f, -0.5f};
        float[] f = new float[8];
        for (int oc = 0; oc < 2; oc++) {
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    float s = bias[oc];
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            s += x[(oy + ky) * 4 + ox + kx] * w[oc * 9 + ky * 3 + kx];
                        }
                    }
                    f[oc * 4 + oy * 2 + ox] = Math.max(0, s);
                }
            }
        }
        float[] w2 = TestModels.ramp(24, -0.05f);
        float[] c2 = {0.1f, 0.2f, 0.3f};
        float[] g = new float[3];
        for (int j = 0; j < 3; j++) {
            g[j] = c2[j];
            for (int i = 0; i < 8; i++) {
                g[j] += f[i] * w2[j * 8 + i];
            }
        }
        float[] y = new float[2];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                y[k] += g[j] * TestModels.W3[j * 2 + k];
            }
        }
        return y;
    }

    @Test
    void mutantsAreReadOrRefusedInWordsNeverAnotherFailureOrAHang() throws Exception {
        List<ModelProto> seeds = new ArrayList<>();
        seeds.add(TestModels.small());
        // A real exporter's file too, when the shared models are here (the fuzz does not depend on them).
        Path keras = Fixtures.sharedDataDir().resolve("models/keras_mlp_100x32x1.onnx");
        if (Files.isRegularFile(keras)) {
            seeds.add(ModelProto.parseFrom(Files.readAllBytes(keras)));
        }
        Files.write(tmp.resolve(TestModels.WEIGHTS_FILE), TestModels.weightsFile());
        Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("secret.bin");
        Files.write(outside, TestModels.weightsFile());
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.write(dir.resolve(TestModels.WEIGHTS_FILE), TestModels.weightsFile());
        Files.createSymbolicLink(dir.resolve("link.bin"), outside);
        Files.createSymbolicLink(dir.resolve("zero.bin"), Path.of("/dev/zero"));
        try {
            new ProcessBuilder("mkfifo", dir.resolve("pipe.bin").toString()).start().waitFor();
        } catch (java.io.IOException e) {
            // Without mkfifo the "pipe.bin" location is just a missing file; OnnxHostileInputTest covers pipes.
        }
        Map<Kind, int[]> outcomes = new EnumMap<>(Kind.class);
        Random rnd = new Random(SEED);
        Path file = dir.resolve("mutant.onnx");
        assertTimeoutPreemptively(Duration.ofSeconds(60L * Math.max(1, MUTANTS / 600)), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
                ModelProto seed = seeds.get(rnd.nextInt(seeds.size()));
                byte[] bytes = mutate(kind, seed, rnd);
                Files.write(file, bytes);
                boolean read = exercise(file, "mutant " + i + " (" + kind + ", seed " + SEED + ")");
                outcomes.computeIfAbsent(kind, k -> new int[2])[read ? 0 : 1]++;
            }
        }, "a mutant made the readers hang (seed " + SEED + ")");
        System.out.println("onnx fuzz, seed " + SEED + ", read/refused by kind: " + describe(outcomes));
        // The fuzz means something only if mutants both pass and fail the reader.
        int read = outcomes.values().stream().mapToInt(o -> o[0]).sum();
        int refused = outcomes.values().stream().mapToInt(o -> o[1]).sum();
        assertThat(read).as("mutants read, by kind: %s", describe(outcomes)).isGreaterThan(MUTANTS / 20);
        assertThat(refused).as("mutants refused, by kind: %s", describe(outcomes)).isGreaterThan(MUTANTS / 5);
        assertThat(outcomes).containsOnlyKeys(Kind.values());
    }

    private static String describe(Map<Kind, int[]> outcomes) {
        StringBuilder sb = new StringBuilder();
        outcomes.forEach((k, o) -> sb.append(k).append(' ').append(o[0]).append('/').append(o[1]).append(' '));
        return sb.toString();
    }

    /** Reads {@code file} and everything computed from it; true when it was read, false when refused. */
    private static boolean exercise(Path file, String what) {
        OnnxModel m;
        try {
            m = OnnxModel.read(file);
        } catch (BadInputException e) {
            checkMessage(e, what);
            return false;
        } catch (Throwable e) {
            return failWith(e, what + " reading");
        }
        List<Runnable> steps = List.of(
                () -> {
                    GraphSummary s = GraphSummary.of(m);
                    assertThat(s.toText()).isNotEmpty();
                    assertThat(Json.write(s)).isNotEmpty();
                },
                () -> DenseWeights.of(m).forEach(w -> assertThat(w.values()).isNotEmpty()),
                () -> m.graph().getInitializerList().forEach(t -> {
                    try {
                        assertThat(Tensors.floats(t, m.directory())).hasSize((int) Tensors.count(t));
                    } catch (BadInputException e) {
                        checkMessage(e, what + " floats of '" + t.getName() + "'");
                    }
                }),
                () -> ImageInput.plan(m, ImageInputTest.DATA, null, null));
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (BadInputException e) {
                checkMessage(e, what);
            } catch (Throwable e) {
                return failWith(e, what + " after reading");
            }
        }
        return true;
    }

    private static void checkMessage(BadInputException e, String what) {
        assertThat(e.getMessage()).as("%s: message", what).isNotBlank().doesNotContain("Exception");
    }

    private static boolean failWith(Throwable e, String what) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return fail(what + ": " + e + "\n" + trace);
    }

    static byte[] mutate(Kind kind, ModelProto seed, Random rnd) {
        byte[] b = seed.toByteArray();
        switch (kind) {
            case BIT_FLIPS -> {
                for (int i = 1 + rnd.nextInt(8); i > 0; i--) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case TRUNCATION -> {
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case BYTES -> {
                int at = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(16, b.length - at));
                byte[] noise = new byte[n];
                rnd.nextBytes(noise);
                if (rnd.nextBoolean()) {
                    System.arraycopy(noise, 0, b, at, n);
                    return b;
                }
                byte[] out = new byte[b.length + n]; // inserted, shifting the rest
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(noise, 0, out, at, n);
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case SPLICE -> {
                // Protobuf merges repeated messages: a copied stretch adds duplicate nodes, dims or whole graphs.
                int from = rnd.nextInt(b.length);
                int to = from + rnd.nextInt(b.length - from);
                byte[] out = Arrays.copyOf(b, b.length + (to - from));
                System.arraycopy(b, from, out, b.length, to - from);
                return out;
            }
            case DIMS -> {
                return dims(seed, rnd).toByteArray();
            }
            case ATTRIBUTES -> {
                return attributes(seed, rnd).toByteArray();
            }
            case DATA -> {
                return data(seed, rnd).toByteArray();
            }
            case EXTERNAL -> {
                return external(seed, rnd).toByteArray();
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static long edge(Random rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextLong() >> rnd.nextInt(64) : EDGES[rnd.nextInt(EDGES.length)];
    }

    /** A dim of an initializer or of a graph input/output set to an edge value, added, or removed. */
    private static ModelProto dims(ModelProto seed, Random rnd) {
        GraphProto.Builder g = seed.getGraph().toBuilder();
        if (rnd.nextBoolean() && g.getInitializerCount() > 0) {
            int i = rnd.nextInt(g.getInitializerCount());
            TensorProto.Builder t = g.getInitializer(i).toBuilder();
            int op = rnd.nextInt(4);
            if (op == 0 || t.getDimsCount() == 0) {
                t.addDims(edge(rnd));
            } else if (op == 1) {
                // Same count, other shape: [a, b] -> [a * b, 1]; valid, and new work for shape inference.
                long n = Tensors.count(t.build());
                t.clearDims().addDims(n).addDims(1);
            } else {
                t.setDims(rnd.nextInt(t.getDimsCount()), edge(rnd));
            }
            g.setInitializer(i, t);
        } else {
            boolean input = rnd.nextBoolean() && g.getInputCount() > 0 || g.getOutputCount() == 0;
            int i = rnd.nextInt(input ? g.getInputCount() : g.getOutputCount());
            ValueInfoProto.Builder v = (input ? g.getInput(i) : g.getOutput(i)).toBuilder();
            TensorShapeProto.Builder s = v.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
            TensorShapeProto.Dimension d = rnd.nextInt(5) == 0
                    ? TensorShapeProto.Dimension.newBuilder().setDimParam("n" + rnd.nextInt(3)).build()
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(edge(rnd)).build();
            if (s.getDimCount() == 0 || rnd.nextInt(4) == 0) {
                s.addDim(d);
            } else {
                s.setDim(rnd.nextInt(s.getDimCount()), d);
            }
            if (input) {
                g.setInput(i, v);
            } else {
                g.setOutput(i, v);
            }
        }
        return seed.toBuilder().setGraph(g).build();
    }

    /** An int or ints attribute that shape inference reads, set to edge values on a random node. */
    private static ModelProto attributes(ModelProto seed, Random rnd) {
        GraphProto.Builder g = seed.getGraph().toBuilder();
        int i = rnd.nextInt(g.getNodeCount());
        NodeProto.Builder n = g.getNode(i).toBuilder();
        String[] names = {"group", "axis", "transA", "transB", "strides", "pads", "kernel_shape", "dilations", "perm",
            "axes", "keepdims", "allowzero", "ceil_mode"};
        String name = names[rnd.nextInt(names.length)];
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (rnd.nextBoolean()) {
            a.setType(AttributeProto.AttributeType.INT).setI(edge(rnd));
        } else {
            a.setType(AttributeProto.AttributeType.INTS);
            for (int k = rnd.nextInt(6); k > 0; k--) {
                a.addInts(rnd.nextBoolean() ? edge(rnd) : rnd.nextInt(5) - 1);
            }
        }
        n.getAttributeList().stream().filter(x -> x.getName().equals(name)).findFirst()
                .ifPresent(x -> n.removeAttribute(n.getAttributeList().indexOf(x)));
        n.addAttribute(a);
        g.setNode(i, n);
        return seed.toBuilder().setGraph(g).build();
    }

    /** An initializer's data cut, grown, or given another element type. */
    private static ModelProto data(ModelProto seed, Random rnd) {
        GraphProto.Builder g = seed.getGraph().toBuilder();
        int i = rnd.nextInt(g.getInitializerCount());
        TensorProto.Builder t = g.getInitializer(i).toBuilder();
        switch (rnd.nextInt(3)) {
            case 0 -> t.setDataType(rnd.nextInt(26));
            case 1 -> {
                ByteString raw = t.getRawData();
                t.setRawData(raw.substring(0, raw.isEmpty() ? 0 : rnd.nextInt(raw.size())));
            }
            default -> {
                byte[] more = new byte[rnd.nextInt(64)];
                rnd.nextBytes(more);
                t.setRawData(t.getRawData().concat(ByteString.copyFrom(more)));
            }
        }
        g.setInitializer(i, t);
        return seed.toBuilder().setGraph(g).build();
    }

    /** An initializer moved to external data: inside, outside, through links, to a pipe or device, odd slices. */
    private static ModelProto external(ModelProto seed, Random rnd) {
        GraphProto.Builder g = seed.getGraph().toBuilder();
        int i = rnd.nextInt(g.getInitializerCount());
        String[] locations = {TestModels.WEIGHTS_FILE, "link.bin", "zero.bin", "pipe.bin", "../weights.bin",
            "../outside/secret.bin", "/etc/passwd", "missing.bin", ".", "", "a\u001b[2Jb"};
        String[] numbers = {"0", "8", "24", "-1", "32", "33", "1e3", "", "9223372036854775807", "0x10"};
        TensorProto.Builder t = g.getInitializer(i).toBuilder().clearRawData().clearFloatData().clearInt64Data()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).clearExternalData()
                .addExternalData(TestModels.entry("location", locations[rnd.nextInt(locations.length)]));
        if (rnd.nextBoolean()) {
            t.addExternalData(TestModels.entry("offset", numbers[rnd.nextInt(numbers.length)]));
        }
        if (rnd.nextBoolean()) {
            t.addExternalData(TestModels.entry("length", numbers[rnd.nextInt(numbers.length)]));
        }
        g.setInitializer(i, t);
        return seed.toBuilder().setGraph(g).build();
    }
}
