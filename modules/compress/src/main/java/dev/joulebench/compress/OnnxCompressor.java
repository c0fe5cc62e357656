package dev.joulebench.compress;

import dev.joulebench.compress.tensor.DenseMatrix;
import dev.joulebench.compress.tensor.Mpo;
import dev.joulebench.compress.tensor.MpoCore;
import dev.joulebench.compress.tensor.MpoDecomposition;
import dev.joulebench.compress.tensor.MpoShape;
import dev.joulebench.compress.tensor.Truncation;
import dev.joulebench.compress.tensor.TtSvd;
import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.DenseWeight;
import dev.joulebench.onnx.DenseWeights;
import dev.joulebench.onnx.GraphEditor;
import dev.joulebench.onnx.Nodes;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.onnx.Tensors;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces Gemm/MatMul weight initializers of an ONNX model by MPO cores and a chain of standard ops that
 * rebuilds the weight from them: MatMul of the cores in sequence (each core stored as an (l, i·j·r) matrix,
 * the first as (i·j, r)), Reshape to the interleaved (i1, j1, ..., id, jd) index, Transpose to
 * (i1..id, j1..jd) — or (j1..jd, i1..id) where the consumer stores the weight [out, in] — and Reshape to
 * the matrix. Only the cores are stored, so the file and the parameter count shrink; consumers are
 * untouched. Conv kernels are left as they are.
 */
public final class OnnxCompressor {
    /**
     * @param initializer   the replaced weight's initializer name
     * @param denseParams   values of the original weight
     * @param coreParams    values of the cores that replace it
     */
    public record Replaced(String initializer, String opType, int inputs, int outputs, int[] bonds, long denseParams,
                           long coreParams, double relativeError) {}

    /** @param reconstruction the dense reconstruction of each replaced weight (in [in, out] orientation) */
    public record Result(OnnxModel model, List<Replaced> layers, Map<String, DenseMatrix> reconstruction) {}

    private OnnxCompressor() {}

    /**
     * @param only  initializer names to compress; empty = every Gemm/MatMul weight that gets smaller
     * @param chi   maximum bond
     * @param sites cores per weight
     */
    public static Result compress(OnnxModel model, List<String> only, int chi, int sites) {
        if (chi < 1) {
            throw new BadInputException("χ must be >= 1 (got " + chi + ")");
        }
        List<DenseWeight> weights = DenseWeights.of(model).stream()
                .filter(w -> w.kind() == DenseWeight.Kind.MATRIX)
                .filter(w -> only.isEmpty() || only.contains(w.initializer())).toList();
        for (String name : only) {
            if (weights.stream().noneMatch(w -> w.initializer().equals(name))) {
                throw new BadInputException("No Gemm/MatMul weight '" + name + "' in the model; its dense weights are "
                        + DenseWeights.of(model).stream().filter(w -> w.kind() == DenseWeight.Kind.MATRIX)
                        .map(DenseWeight::initializer).toList());
            }
        }
        if (weights.isEmpty()) {
            throw new BadInputException("The model has no Gemm/MatMul weight initializer to compress");
        }
        GraphEditor editor = model.edit();
        List<Replaced> replaced = new ArrayList<>();
        Map<String, DenseMatrix> dense = new LinkedHashMap<>();
        for (DenseWeight w : weights) {
            DenseMatrix matrix = DenseMatrix.of(w.inputs(), w.outputs(), w.values());
            MpoShape shape = MpoShape.balanced(w.inputs(), w.outputs(), sites);
            MpoDecomposition d = TtSvd.decompose(matrix, shape, Truncation.bond(chi));
            Mpo mpo = d.mpo();
            if (!only.contains(w.initializer()) && mpo.parameterCount() >= (long) w.inputs() * w.outputs()) {
                continue; // this weight would not get smaller
            }
            replace(editor, w, mpo);
            replaced.add(new Replaced(w.initializer(), w.opType(), w.inputs(), w.outputs(), mpo.bonds(),
                    (long) w.inputs() * w.outputs(), mpo.parameterCount(), d.relativeError()));
            dense.put(w.initializer(), mpo.toDense());
        }
        return new Result(editor.build(), replaced, dense);
    }

    /** Adds the cores and the rebuild chain whose last node outputs the weight's name. */
    static void replace(GraphEditor editor, DenseWeight w, Mpo mpo) {
        String base = w.initializer();
        List<TensorProto> inits = new ArrayList<>();
        List<NodeProto> nodes = new ArrayList<>();
        List<MpoCore> cores = mpo.cores();
        int d = cores.size();
        String current = null;
        long rowsSoFar = 1; // product of (i_k·j_k) contracted so far
        for (int k = 0; k < d; k++) {
            MpoCore c = cores.get(k);
            String coreName = editor.freshName(base + "_mpo_core" + k);
            long ijr = (long) c.rowDim() * c.colDim() * c.right();
            if (k == 0) {
                inits.add(Tensors.floatTensor(coreName, new long[] {(long) c.rowDim() * c.colDim(), c.right()},
                        c.values()));
                current = coreName;
            } else {
                inits.add(Tensors.floatTensor(coreName, new long[] {c.left(), ijr}, c.values()));
                String product = editor.freshName(base + "_mpo_mm" + k);
                nodes.add(Nodes.node(null, "MatMul", List.of(current, coreName), List.of(product)));
                current = product;
            }
            rowsSoFar *= (long) c.rowDim() * c.colDim();
            if (k > 0 && k < d - 1) {
                String shapeName = editor.freshName(base + "_mpo_shape" + k);
                inits.add(Tensors.int64Tensor(shapeName, new long[] {2}, new long[] {rowsSoFar, c.right()}));
                String reshaped = editor.freshName(base + "_mpo_rs" + k);
                nodes.add(Nodes.node(null, "Reshape", List.of(current, shapeName), List.of(reshaped)));
                current = reshaped;
            }
        }
        // interleaved (i1, j1, ..., id, jd) -> (i1..id, j1..jd) or, stored [out, in], (j1..jd, i1..id)
        long[] interleaved = new long[2 * d];
        long[] perm = new long[2 * d];
        for (int k = 0; k < d; k++) {
            interleaved[2 * k] = cores.get(k).rowDim();
            interleaved[2 * k + 1] = cores.get(k).colDim();
            perm[w.transposed() ? d + k : k] = 2L * k;
            perm[w.transposed() ? k : d + k] = 2L * k + 1;
        }
        String fullShape = editor.freshName(base + "_mpo_idx");
        inits.add(Tensors.int64Tensor(fullShape, new long[] {2L * d}, interleaved));
        String split = editor.freshName(base + "_mpo_split");
        nodes.add(Nodes.node(null, "Reshape", List.of(current, fullShape), List.of(split)));
        String moved = editor.freshName(base + "_mpo_perm");
        nodes.add(Nodes.node(null, "Transpose", List.of(split), List.of(moved), Nodes.intsAttr("perm", perm)));
        String matrixShape = editor.freshName(base + "_mpo_mat");
        long[] stored = w.transposed() ? new long[] {w.outputs(), w.inputs()} : new long[] {w.inputs(), w.outputs()};
        inits.add(Tensors.int64Tensor(matrixShape, new long[] {2}, stored));
        nodes.add(Nodes.node(null, "Reshape", List.of(moved, matrixShape), List.of(base)));
        editor.replaceWithSubgraph(base, inits, nodes);
    }
}
