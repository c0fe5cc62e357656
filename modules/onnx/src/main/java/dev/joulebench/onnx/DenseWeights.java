package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.AttributeProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the dense weights of a graph: Gemm's B, a 2-D initializer operand of MatMul, Conv's W. */
public final class DenseWeights {
    private DenseWeights() {}

    /**
     * Every float weight initializer used by a Gemm, MatMul or Conv, once each, in node order. An empty one
     * (a zero dim) is left out: it has no spectrum and nothing to compress.
     */
    public static List<DenseWeight> of(OnnxModel model) {
        Map<String, TensorProto> inits = model.initializers();
        Set<String> seen = new HashSet<>();
        List<DenseWeight> out = new ArrayList<>();
        for (NodeProto n : model.graph().getNodeList()) {
            if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
                continue;
            }
            DenseWeight w = switch (n.getOpType()) {
                case "Gemm" -> gemm(model, n, inits, seen);
                case "MatMul" -> matMul(model, n, inits, seen);
                case "Conv" -> conv(model, n, inits, seen);
                default -> null;
            };
            if (w != null) {
                seen.add(w.initializer());
                if (w.values().length > 0) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The weight extracted from the initializer called {@code name}, or null when it is not a dense weight. */
    public static DenseWeight named(OnnxModel model, String name) {
        return of(model).stream().filter(w -> w.initializer().equals(name)).findFirst().orElse(null);
    }

    private static TensorProto floatInit(Map<String, TensorProto> inits, Set<String> seen, String name, int rank) {
        TensorProto t = inits.get(name);
        if (t == null || seen.contains(name) || t.getDataType() != TensorProto.DataType.FLOAT_VALUE
                || t.getDimsCount() != rank) {
            return null;
        }
        return t;
    }

    private static DenseWeight gemm(OnnxModel model, NodeProto n, Map<String, TensorProto> inits, Set<String> seen) {
        if (n.getInputCount() < 2) {
            return null;
        }
        TensorProto b = floatInit(inits, seen, n.getInput(1), 2);
        if (b == null) {
            return null;
        }
        boolean transB = intAttr(n, "transB", 0) != 0;
        return matrix(model, n, b, transB);
    }

    private static DenseWeight matMul(OnnxModel model, NodeProto n, Map<String, TensorProto> inits, Set<String> seen) {
        if (n.getInputCount() < 2) {
            return null;
        }
        TensorProto b = floatInit(inits, seen, n.getInput(1), 2);
        if (b != null && !inits.containsKey(n.getInput(0))) {
            return matrix(model, n, b, false);
        }
        TensorProto a = floatInit(inits, seen, n.getInput(0), 2);
        if (a != null && !inits.containsKey(n.getInput(1))) {
            // y = W · x: W is [out, in].
            return matrix(model, n, a, true);
        }
        return null;
    }

    private static DenseWeight matrix(OnnxModel model, NodeProto n, TensorProto t, boolean storedOutIn) {
        int[] shape = intShape(t);
        int r = shape[0];
        int c = shape[1];
        float[] v = Tensors.floats(t, model.directory());
        if (storedOutIn) {
            return new DenseWeight(t.getName(), OnnxModel.describe(n), n.getOpType(), DenseWeight.Kind.MATRIX,
                    new int[] {c, r}, DenseWeight.transpose(v, r, c), true);
        }
        return new DenseWeight(t.getName(), OnnxModel.describe(n), n.getOpType(), DenseWeight.Kind.MATRIX,
                new int[] {r, c}, v, false);
    }

    private static DenseWeight conv(OnnxModel model, NodeProto n, Map<String, TensorProto> inits, Set<String> seen) {
        if (n.getInputCount() < 2) {
            return null;
        }
        TensorProto w = inits.get(n.getInput(1));
        if (w == null || seen.contains(w.getName()) || w.getDataType() != TensorProto.DataType.FLOAT_VALUE
                || w.getDimsCount() < 3) {
            return null;
        }
        int[] shape = intShape(w);
        return new DenseWeight(w.getName(), OnnxModel.describe(n), n.getOpType(), DenseWeight.Kind.CONV_KERNEL, shape,
                Tensors.floats(w, model.directory()), false);
    }

    /**
     * The dims as ints, the weights' array indices. Dims past 2^31 are bad input naming the tensor: with a zero
     * elsewhere ([0, 2^40]) the tensor is empty and valid, but no int shape describes it.
     */
    private static int[] intShape(TensorProto t) {
        Tensors.count(t); // refuses negative and overflowing dims first
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d > Tensors.MAX_VALUES) {
                throw new BadInputException("Tensor '" + t.getName() + "' has dim " + d + " at axis " + i + " of "
                        + t.getDimsList() + ", more than Joulebench indexes in one weight");
            }
            shape[i] = (int) d;
        }
        return shape;
    }

    static long intAttr(NodeProto n, String name, long fallback) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return fallback;
    }
}
