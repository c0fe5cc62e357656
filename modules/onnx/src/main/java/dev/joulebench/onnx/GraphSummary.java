package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.TypeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is inside an ONNX model: inputs and outputs, opsets, nodes by operator, initializers, parameter
 * count and bytes, and multiply-accumulate estimates for Gemm, MatMul and Conv (per sample).
 *
 * @param totalMacs   sum of the known per-node estimates, for one sample
 * @param assumptions how the estimates were made, in words
 */
public record GraphSummary(long irVersion, String producer, String graphName, List<Opset> opsets,
                           List<Value> inputs, List<Value> outputs, int nodeCount, Map<String, Integer> nodesByOp,
                           List<Initializer> initializers, long parameterCount, long parameterBytes,
                           List<NodeMacs> macs, long totalMacs, List<String> assumptions) {

    public record Opset(String domain, long version) {}

    /** @param shape dims as written: numbers, symbolic names, or "?" */
    public record Value(String name, String type, List<String> shape) {}

    public record Initializer(String name, String type, long[] shape, long count, long bytes) {}

    /** @param macs multiply-accumulates for one sample, or -1 when the shapes could not be inferred */
    public record NodeMacs(String node, String opType, long macs) {}

    /** The batch size symbolic dimensions are taken as for the estimates. */
    public static final long BATCH = 1;

    public static GraphSummary of(OnnxModel model) {
        var g = model.graph();
        List<Opset> opsets = model.proto().getOpsetImportList().stream()
                .map(o -> new Opset(o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain(), o.getVersion())).toList();
        Map<String, Integer> byOp = new LinkedHashMap<>();
        for (NodeProto n : g.getNodeList()) {
            String op = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType()
                    : n.getDomain() + "." + n.getOpType();
            byOp.merge(op, 1, Integer::sum);
        }
        List<Initializer> inits = new ArrayList<>();
        long params = 0;
        long bytes = 0;
        for (TensorProto t : g.getInitializerList()) {
            long count = Tensors.count(t);
            long b = dataBytes(t, count);
            inits.add(new Initializer(t.getName(), ElementType.name(t.getDataType()), Tensors.dims(t), count, b));
            try {
                params = isParameter(t) ? Math.addExact(params, count) : params;
                bytes = Math.addExact(bytes, b);
            } catch (ArithmeticException e) {
                // Each tensor was checked on reading; external data files can still add up past 2^63 bytes.
                throw new BadInputException("The initializers of the model add up to more than 2^63 values or bytes"
                        + " (at '" + t.getName() + "' " + t.getDimsList() + "); its dims cannot be right");
            }
        }
        Map<String, long[]> shapes = ShapeInference.infer(model, BATCH);
        List<NodeMacs> macs = new ArrayList<>();
        long total = 0;
        for (NodeProto n : g.getNodeList()) {
            long m = switch (n.getOpType()) {
                case "Gemm", "MatMul", "Conv" -> macs(n, shapes);
                default -> 0;
            };
            if (n.getOpType().equals("Gemm") || n.getOpType().equals("MatMul") || n.getOpType().equals("Conv")) {
                macs.add(new NodeMacs(OnnxModel.describe(n), n.getOpType(), m));
                try {
                    total = Math.addExact(total, Math.max(0, m));
                } catch (ArithmeticException e) {
                    throw new BadInputException("The multiply-accumulates of the model's nodes add up to more than"
                            + " 2^63 per sample (at node " + OnnxModel.describe(n) + "); its dims cannot be right");
                }
            }
        }
        List<String> assumptions = new ArrayList<>();
        assumptions.add("MACs are per sample: every symbolic dimension (the batch axis, and e.g. a sequence length) is"
                + " taken as " + BATCH + "; Gemm M·K·N, MatMul (output elements)·K,"
                + " Conv (output elements)·(C_in/group)·(kernel size)");
        assumptions.add("parameters count the elements of floating-point and 8-bit initializers; int32/int64 "
                + "initializers (shapes, indices) are left out; bytes count every initializer");
        if (macs.stream().anyMatch(x -> x.macs() < 0)) {
            assumptions.add("some shapes could not be inferred statically (marked unknown); the total leaves them out");
        }
        return new GraphSummary(model.proto().getIrVersion(),
                (model.proto().getProducerName() + " " + model.proto().getProducerVersion()).trim(), g.getName(),
                opsets, model.dataInputs().stream().map(GraphSummary::value).toList(),
                model.outputs().stream().map(GraphSummary::value).toList(), g.getNodeCount(), byOp, inits, params,
                bytes, macs, total, assumptions);
    }

    private static boolean isParameter(TensorProto t) {
        int dt = t.getDataType();
        return dt != TensorProto.DataType.INT64_VALUE && dt != TensorProto.DataType.INT32_VALUE
                && dt != TensorProto.DataType.STRING_VALUE && dt != TensorProto.DataType.BOOL_VALUE;
    }

    private static long dataBytes(TensorProto t, long count) {
        int size = ElementType.bytes(t.getDataType());
        if (size > 0) {
            return count * size; // cannot overflow: Tensors.count refuses dims whose bytes do
        }
        return t.hasRawData() ? t.getRawData().size() : t.getSerializedSize();
    }

    /**
     * Per-sample MACs of a Gemm, MatMul or Conv, -1 when its shapes are unknown or not what the operator takes
     * (a hostile file may give a rank-1 Gemm input or group 0). A count past 64 bits is bad input naming the
     * node, not a wrapped-round number in the table.
     */
    private static long macs(NodeProto n, Map<String, long[]> shapes) {
        long[] a = n.getInputCount() > 0 ? shapes.get(n.getInput(0)) : null;
        long[] b = n.getInputCount() > 1 ? shapes.get(n.getInput(1)) : null;
        long[] y = n.getOutputCount() > 0 ? shapes.get(n.getOutput(0)) : null;
        if (a == null || b == null) {
            return -1;
        }
        try {
            switch (n.getOpType()) {
                case "Gemm": {
                    if (a.length != 2 || b.length != 2) {
                        return -1;
                    }
                    long m = Nodes.intAttr(n, "transA", 0) != 0 ? a[1] : a[0];
                    long k = Nodes.intAttr(n, "transA", 0) != 0 ? a[0] : a[1];
                    long cols = Nodes.intAttr(n, "transB", 0) != 0 ? b[0] : b[1];
                    return Math.multiplyExact(Math.multiplyExact(m, k), cols);
                }
                case "MatMul": {
                    long[] out = y != null ? y : Shapes.matMul(a, b);
                    if (out == null || a.length == 0) {
                        return -1;
                    }
                    long k = a[a.length - 1];
                    return Math.multiplyExact(Shapes.product(out, 0, out.length), k);
                }
                case "Conv": {
                    long group = Nodes.intAttr(n, "group", 1);
                    if (y == null || a.length < 3 || b.length < 3 || group <= 0) {
                        return -1;
                    }
                    long kernel = Shapes.product(b, 2, b.length);
                    return Math.multiplyExact(Math.multiplyExact(Shapes.product(y, 0, y.length), a[1] / group), kernel);
                }
                default:
                    return 0;
            }
        } catch (ArithmeticException e) {
            throw new BadInputException("Node " + OnnxModel.describe(n) + " would take more than 2^63 multiply-accumulates"
                    + " per sample (inputs " + Arrays.toString(a) + " and " + Arrays.toString(b) + "); the model's"
                    + " dims cannot be right");
        }
    }

    static Value value(ValueInfoProto v) {
        TypeProto t = v.getType();
        if (t.hasTensorType()) {
            List<String> dims = new ArrayList<>();
            if (t.getTensorType().hasShape()) {
                for (TensorShapeProto.Dimension d : t.getTensorType().getShape().getDimList()) {
                    dims.add(d.hasDimValue() ? String.valueOf(d.getDimValue())
                            : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?");
                }
            }
            return new Value(v.getName(), ElementType.name(t.getTensorType().getElemType()), dims);
        }
        String kind = t.hasSequenceType() ? "sequence" : t.hasMapType() ? "map" : t.hasOptionalType() ? "optional"
                : t.hasSparseTensorType() ? "sparse_tensor" : "unknown";
        return new Value(v.getName(), kind, List.of());
    }

    /** A plain-text report for a terminal. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        int nameWidth = 8;
        for (Value v : inputs) {
            nameWidth = Math.max(nameWidth, v.name().length());
        }
        for (Value v : outputs) {
            nameWidth = Math.max(nameWidth, v.name().length());
        }
        int initWidth = 8;
        for (Initializer i : initializers) {
            initWidth = Math.max(initWidth, i.name().length());
        }
        for (NodeMacs m : macs) {
            initWidth = Math.max(initWidth, m.node().length());
        }
        initWidth = Math.min(initWidth, 60);
        String valueRow = "%-7s %-" + nameWidth + "s  %-8s [%s]%n";
        String initRow = "  %-" + initWidth + "s  %-8s %-20s %,d%n";
        String macRow = "  %-" + initWidth + "s  %-7s %s%n";
        sb.append(String.format(Locale.ROOT, "IR version %d, producer %s, opsets %s%n", irVersion,
                producer.isEmpty() ? "(none)" : producer,
                String.join(", ", opsets.stream().map(o -> o.domain() + " " + o.version()).toList())));
        for (Value v : inputs) {
            sb.append(String.format(Locale.ROOT, valueRow, "input", v.name(), v.type(), String.join(", ", v.shape())));
        }
        for (Value v : outputs) {
            sb.append(String.format(Locale.ROOT, valueRow, "output", v.name(), v.type(), String.join(", ", v.shape())));
        }
        sb.append(String.format(Locale.ROOT, "nodes   %d: %s%n", nodeCount, String.join(", ",
                nodesByOp.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())));
        sb.append(String.format(Locale.ROOT, "initializers %d, parameters %,d, %,d bytes%n", initializers.size(),
                parameterCount, parameterBytes));
        for (Initializer i : initializers) {
            sb.append(String.format(Locale.ROOT, initRow, i.name(), i.type(), Arrays.toString(i.shape()),
                    i.count()));
        }
        sb.append(String.format(Locale.ROOT, "MACs per sample %,d%n", totalMacs));
        for (NodeMacs m : macs) {
            sb.append(String.format(Locale.ROOT, macRow, m.node(), m.opType(),
                    m.macs() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", m.macs())));
        }
        for (String a : assumptions) {
            sb.append("note: ").append(a).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
