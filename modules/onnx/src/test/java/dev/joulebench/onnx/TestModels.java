package dev.joulebench.onnx;

import dev.joulebench.onnx.proto.Onnx.AttributeProto;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.OperatorSetIdProto;
import dev.joulebench.onnx.proto.Onnx.StringStringEntryProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.TypeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small ONNX models built in code, so tests of hostile input never depend on fixtures being present. */
final class TestModels {
    /** The external data file {@link #small()} names, beside the model. */
    static final String WEIGHTS_FILE = "weights.bin";
    /** The MatMul weight [3, 2] kept in {@link #WEIGHTS_FILE}. */
    static final float[] W3 = {1, -1, 0.5f, 2, -0.25f, 0};

    private TestModels() {}

    /**
     * x [N, 1, 4, 4] → Conv (W [2,1,3,3] raw, B [2] float_data) → Relu → Reshape ([-1, 8], an int64 initializer)
     * → Gemm (transB, W2 [3, 8], C2 [3]) → MatMul (W3 [3, 2], external data at offset 8 of weights.bin) → y [N, 2],
     * plus a Constant node. Every way a tensor can hold data that the readers decode.
     */
    static ModelProto small() {
        GraphProto g = GraphProto.newBuilder().setName("small")
                .addInput(valueInfo("x", "N", 1, 4, 4))
                .addInitializer(Tensors.floatTensor("W", new long[] {2, 1, 3, 3}, ramp(18, 0.1f)))
                .addInitializer(TensorProto.newBuilder().setName("B").setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(2).addFloatData(0.5f).addFloatData(-0.5f))
                .addInitializer(Tensors.int64Tensor("shape", new long[] {2}, new long[] {-1, 8}))
                .addInitializer(Tensors.floatTensor("W2", new long[] {3, 8}, ramp(24, -0.05f)))
                .addInitializer(Tensors.floatTensor("C2", new long[] {3}, new float[] {0.1f, 0.2f, 0.3f}))
                .addInitializer(external("W3", new long[] {3, 2}, WEIGHTS_FILE, 8, 24))
                .addNode(Nodes.node("conv", "Conv", List.of("x", "W", "B"), List.of("c"),
                        Nodes.intsAttr("kernel_shape", 3, 3), Nodes.intsAttr("strides", 1, 1)))
                .addNode(Nodes.node("relu", "Relu", List.of("c"), List.of("r")))
                .addNode(Nodes.node("reshape", "Reshape", List.of("r", "shape"), List.of("f")))
                .addNode(Nodes.node("fc", "Gemm", List.of("f", "W2", "C2"), List.of("g"), Nodes.intAttr("transB", 1)))
                .addNode(Nodes.node("mm", "MatMul", List.of("g", "W3"), List.of("y")))
                .addNode(Nodes.node("k", "Constant", List.of(), List.of("k_out"), tensorAttr("value",
                        Tensors.int64Tensor("", new long[] {1}, new long[] {7}))))
                .addOutput(valueInfo("y", "N", 2))
                .build();
        return model(g);
    }

    /** The bytes {@link #small()} reads from {@link #WEIGHTS_FILE}: 8 bytes of padding, then W3. */
    static byte[] weightsFile() {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 * W3.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x5eed);
        for (float v : W3) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Writes {@link #small()} (or {@code model}) as {@code dir/name} with its external data beside it. */
    static Path write(Path dir, String name, ModelProto model) throws IOException {
        Files.write(dir.resolve(WEIGHTS_FILE), weightsFile());
        return Files.write(dir.resolve(name), model.toByteArray());
    }

    /** A model around one Gemm whose weight {@code w} is given: x [N, k] · w. */
    static ModelProto gemm(TensorProto w, long k) {
        GraphProto g = GraphProto.newBuilder().setName("gemm")
                .addInput(valueInfo("x", "N", k))
                .addInitializer(w)
                .addNode(Nodes.node("fc", "Gemm", List.of("x", w.getName()), List.of("y")))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .build();
        return model(g);
    }

    static ModelProto model(GraphProto g) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("joulebench-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
    }

    /** A float tensor that claims {@code dims} but holds {@code values} raw floats. */
    static TensorProto claiming(String name, long[] dims, int values) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            b.addDims(d);
        }
        return b.setRawData(Tensors.floatBytes(new float[values])).build();
    }

    /** A float tensor whose data lies in {@code location}; offset and length are left out when negative. */
    static TensorProto external(String name, long[] dims, String location, long offset, long length) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).addExternalData(entry("location", location));
        for (long d : dims) {
            b.addDims(d);
        }
        if (offset >= 0) {
            b.addExternalData(entry("offset", String.valueOf(offset)));
        }
        if (length >= 0) {
            b.addExternalData(entry("length", String.valueOf(length)));
        }
        return b.build();
    }

    static AttributeProto tensorAttr(String name, TensorProto t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    /** A float tensor value info; a String dim is symbolic, a Number fixed. */
    static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    static float[] ramp(int n, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) * step;
        }
        return v;
    }
}
