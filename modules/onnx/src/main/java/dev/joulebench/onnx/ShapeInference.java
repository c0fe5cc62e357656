package dev.joulebench.onnx;

import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static shapes of a graph's values, as far as the common feed-forward operators allow, for MAC estimates.
 * The arithmetic is exact ({@link Shapes}): a node whose output size would overflow, or come out negative
 * from hostile attributes, leaves that output unknown rather than recording a wrapped-round size.
 * Symbolic dimensions (a batch axis called "N" or "batch") are taken as {@code batch}; shapes the
 * declared value infos give are used where an operator is not modelled. Small integer tensors
 * (initializers, Constant, Shape, Gather, Unsqueeze, Concat, Cast) are folded so PyTorch's
 * Shape→Gather→Concat→Reshape chains resolve.
 */
final class ShapeInference {
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Map<String, long[]> constants = new HashMap<>();

    private ShapeInference() {}

    /** Shapes by value name; a missing entry means unknown. */
    static Map<String, long[]> infer(OnnxModel model, long batch) {
        ShapeInference s = new ShapeInference();
        for (TensorProto t : model.graph().getInitializerList()) {
            if (Tensors.dimsProblem(t, "") != null) {
                continue; // OnnxModel.read refuses such dims; a model built in memory leaves the tensor unknown
            }
            s.shapes.put(t.getName(), Tensors.dims(t));
            boolean integer = t.getDataType() == TensorProto.DataType.INT64_VALUE
                    || t.getDataType() == TensorProto.DataType.INT32_VALUE;
            if (integer && Tensors.count(t) <= 64 && !Tensors.isExternal(t)) {
                s.constants.put(t.getName(), Tensors.longs(t, model.directory()));
            }
        }
        Map<String, long[]> declared = new HashMap<>();
        for (List<ValueInfoProto> infos : List.of(model.graph().getInputList(), model.graph().getValueInfoList(),
                model.graph().getOutputList())) {
            for (ValueInfoProto v : infos) {
                long[] d = declaredShape(v, batch);
                if (d != null) {
                    declared.put(v.getName(), d);
                }
            }
        }
        for (ValueInfoProto v : model.graph().getInputList()) {
            if (!s.shapes.containsKey(v.getName()) && declared.containsKey(v.getName())) {
                s.shapes.put(v.getName(), declared.get(v.getName()));
            }
        }
        for (NodeProto n : model.graph().getNodeList()) {
            try {
                s.node(n, model);
            } catch (RuntimeException e) {
                // An operator with attributes this inference does not follow: its outputs stay unknown.
            }
            for (String out : n.getOutputList()) {
                if (!s.shapes.containsKey(out) && declared.containsKey(out)) {
                    s.shapes.put(out, declared.get(out));
                }
            }
        }
        return s.shapes;
    }

    /** A value info's shape with symbolic or missing dims as {@code batch}; null without a tensor shape. */
    static long[] declaredShape(ValueInfoProto v, long batch) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            TensorShapeProto.Dimension dim = shape.getDim(i);
            d[i] = dim.hasDimValue() && dim.getDimValue() > 0 ? dim.getDimValue() : batch;
        }
        return d;
    }

    private long[] in(NodeProto n, int i) {
        return i < n.getInputCount() ? shapes.get(n.getInput(i)) : null;
    }

    private void out(NodeProto n, long[] shape) {
        if (shape != null && Shapes.isValid(shape) && n.getOutputCount() > 0) {
            shapes.put(n.getOutput(0), shape);
        }
    }

    private void node(NodeProto n, OnnxModel model) {
        long[] x = in(n, 0);
        switch (n.getOpType()) {
            case "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Dropout", "Identity", "Elu", "Selu",
                 "Gelu", "Erf", "Exp", "Log", "Neg", "Abs", "Sqrt", "Reciprocal", "Clip", "HardSigmoid", "Softplus",
                 "BatchNormalization", "LRN", "InstanceNormalization", "LayerNormalization", "Cast", "PRelu" -> {
                out(n, x);
                if (n.getOpType().equals("Cast") && constants.containsKey(n.getInput(0))) {
                    constants.put(n.getOutput(0), constants.get(n.getInput(0)));
                }
            }
            case "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Equal", "Where" -> {
                long[] r = x;
                for (int i = 1; i < n.getInputCount() && r != null; i++) {
                    r = Shapes.broadcast(r, in(n, i));
                }
                out(n, r);
                foldArithmetic(n);
            }
            case "Gemm" -> {
                long[] b = in(n, 1);
                if (x != null && b != null) {
                    long m = Nodes.intAttr(n, "transA", 0) != 0 ? x[1] : x[0];
                    long cols = Nodes.intAttr(n, "transB", 0) != 0 ? b[0] : b[1];
                    out(n, new long[] {m, cols});
                }
            }
            case "MatMul" -> out(n, Shapes.matMul(x, in(n, 1)));
            case "Conv" -> out(n, Shapes.conv(n, x, in(n, 1)));
            case "MaxPool", "AveragePool" -> out(n, Shapes.pool(n, x));
            case "GlobalAveragePool", "GlobalMaxPool" -> {
                if (x != null) {
                    long[] r = x.clone();
                    Arrays.fill(r, 2, r.length, 1);
                    out(n, r);
                }
            }
            case "Flatten" -> {
                if (x != null) {
                    int axis = (int) Nodes.intAttr(n, "axis", 1);
                    axis = axis < 0 ? axis + x.length : axis;
                    out(n, new long[] {Shapes.product(x, 0, axis), Shapes.product(x, axis, x.length)});
                }
            }
            case "Reshape" -> {
                long[] target = constants.get(n.getInput(1));
                if (x != null && target != null) {
                    out(n, Shapes.reshape(x, target, Nodes.intAttr(n, "allowzero", 0) != 0));
                }
            }
            case "Transpose" -> {
                if (x != null) {
                    long[] perm = Nodes.intsAttr(n, "perm");
                    long[] r = new long[x.length];
                    for (int i = 0; i < r.length; i++) {
                        r[i] = perm == null ? x[x.length - 1 - i] : x[(int) perm[i]];
                    }
                    out(n, r);
                }
            }
            case "Constant" -> {
                var a = Nodes.attribute(n, "value");
                if (a != null && a.hasT()) {
                    out(n, Tensors.dims(a.getT()));
                    int dt = a.getT().getDataType();
                    if ((dt == TensorProto.DataType.INT64_VALUE || dt == TensorProto.DataType.INT32_VALUE)
                            && Tensors.count(a.getT()) <= 64) {
                        constants.put(n.getOutput(0), Tensors.longs(a.getT(), model.directory()));
                    }
                }
            }
            case "Shape" -> {
                if (x != null) {
                    out(n, new long[] {x.length});
                    constants.put(n.getOutput(0), x.clone());
                }
            }
            case "Gather" -> {
                long[] data = constants.get(n.getInput(0));
                long[] idx = constants.get(n.getInput(1));
                long[] idxShape = in(n, 1);
                if (data != null && idx != null && x != null && x.length == 1) {
                    long[] r = new long[idx.length];
                    for (int i = 0; i < idx.length; i++) {
                        r[i] = data[(int) (idx[i] < 0 ? idx[i] + data.length : idx[i])];
                    }
                    constants.put(n.getOutput(0), r);
                    out(n, idxShape == null ? new long[0] : idxShape);
                } else if (x != null && idxShape != null) {
                    // data[:axis] + indices + data[axis+1:], e.g. an embedding lookup.
                    int axis = (int) Nodes.intAttr(n, "axis", 0);
                    axis = axis < 0 ? axis + x.length : axis;
                    long[] r = new long[x.length - 1 + idxShape.length];
                    System.arraycopy(x, 0, r, 0, axis);
                    System.arraycopy(idxShape, 0, r, axis, idxShape.length);
                    System.arraycopy(x, axis + 1, r, axis + idxShape.length, x.length - axis - 1);
                    out(n, r);
                }
            }
            case "Slice" -> {
                long[] starts = n.getInputCount() > 1 ? constants.get(n.getInput(1)) : Nodes.intsAttr(n, "starts");
                long[] ends = n.getInputCount() > 2 ? constants.get(n.getInput(2)) : Nodes.intsAttr(n, "ends");
                long[] axes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? constants.get(n.getInput(3))
                        : Nodes.intsAttr(n, "axes");
                long[] steps = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? constants.get(n.getInput(4)) : null;
                if (x != null && starts != null && ends != null) {
                    long[] r = x.clone();
                    for (int i = 0; i < starts.length; i++) {
                        int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + x.length : axes[i]);
                        long step = steps == null ? 1 : steps[i];
                        long dim = x[axis];
                        long b = Shapes.clamp(starts[i] < 0 ? starts[i] + dim : starts[i], step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
                        long e = Shapes.clamp(ends[i] < 0 ? ends[i] + dim : ends[i], step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
                        r[axis] = Math.max(0, step > 0 ? Math.addExact(e - b, step - 1) / step
                                : Math.subtractExact(b - e, Math.addExact(step, 1)) / Math.negateExact(step));
                    }
                    out(n, r);
                }
            }
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin" -> {
                long[] axes = Nodes.intsAttr(n, "axes");
                if (axes == null && n.getInputCount() > 1) {
                    axes = constants.get(n.getInput(1));
                }
                if (x != null && axes != null) {
                    boolean keep = Nodes.intAttr(n, "keepdims", 1) != 0;
                    boolean[] reduced = new boolean[x.length];
                    for (long a : axes) {
                        reduced[(int) (a < 0 ? a + x.length : a)] = true;
                    }
                    java.util.List<Long> r = new java.util.ArrayList<>();
                    for (int i = 0; i < x.length; i++) {
                        if (!reduced[i]) {
                            r.add(x[i]);
                        } else if (keep) {
                            r.add(1L);
                        }
                    }
                    out(n, r.stream().mapToLong(Long::longValue).toArray());
                }
            }
            case "Unsqueeze", "Squeeze" -> {
                long[] axes = Nodes.intsAttr(n, "axes");
                if (axes == null && n.getInputCount() > 1) {
                    axes = constants.get(n.getInput(1));
                }
                if (constants.containsKey(n.getInput(0))) {
                    constants.put(n.getOutput(0), constants.get(n.getInput(0)));
                }
                if (x != null && axes != null) {
                    out(n, n.getOpType().equals("Unsqueeze") ? Shapes.unsqueeze(x, axes) : Shapes.squeeze(x, axes));
                }
            }
            case "Concat" -> {
                int axis = (int) Nodes.intAttr(n, "axis", 0);
                long[] first = x;
                boolean allConst = true;
                long total = 0;
                java.util.List<Long> vals = new java.util.ArrayList<>();
                for (int i = 0; i < n.getInputCount(); i++) {
                    long[] s = in(n, i);
                    if (s == null) {
                        first = null;
                        break;
                    }
                    total = Math.addExact(total, s[axis < 0 ? axis + s.length : axis]);
                    long[] c = constants.get(n.getInput(i));
                    if (c == null) {
                        allConst = false;
                    } else {
                        for (long v : c) {
                            vals.add(v);
                        }
                    }
                }
                if (first != null) {
                    long[] r = first.clone();
                    r[axis < 0 ? axis + r.length : axis] = total;
                    out(n, r);
                    if (allConst) {
                        constants.put(n.getOutput(0), vals.stream().mapToLong(Long::longValue).toArray());
                    }
                }
            }
            default -> { }
        }
    }

    /** Integer arithmetic on folded constants (e.g. sequence length + 1 in PyTorch's position-id slicing). */
    private void foldArithmetic(NodeProto n) {
        if (n.getInputCount() != 2) {
            return;
        }
        long[] a = constants.get(n.getInput(0));
        long[] b = constants.get(n.getInput(1));
        if (a == null || b == null || (a.length != b.length && a.length != 1 && b.length != 1)) {
            return;
        }
        int len = Math.max(a.length, b.length);
        long[] r = new long[len];
        for (int i = 0; i < len; i++) {
            long x = a[a.length == 1 ? 0 : i];
            long y = b[b.length == 1 ? 0 : i];
            switch (n.getOpType()) {
                case "Add" -> r[i] = Math.addExact(x, y);
                case "Sub" -> r[i] = Math.subtractExact(x, y);
                case "Mul" -> r[i] = Math.multiplyExact(x, y);
                case "Div" -> {
                    if (y == 0) {
                        return;
                    }
                    r[i] = x / y;
                }
                default -> {
                    return;
                }
            }
        }
        constants.put(n.getOutput(0), r);
    }
}
