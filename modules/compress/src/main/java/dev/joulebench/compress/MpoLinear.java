package dev.joulebench.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.joulebench.compress.tensor.MpoCore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dense layer {@code y = x·W + b} whose weight is a matrix product operator (tensor-train matrix):
 * W (rows = inputs, cols = outputs) has row index (i1..id) and column index (j1..jd), both row-major mixed
 * radix with i1 / j1 slowest, and core k holds values [left][i_k][j_k][right]. The forward pass contracts
 * the input with the cores one after another and never forms W; the cores are trainable parameters (so the
 * layer heals by backprop), the bias stays dense.
 *
 * <p>Contraction: the state is (P, l, i_k..i_d) with P = batch·j1..j_{k-1}; step k moves (l, i_k) last,
 * multiplies by core k seen as an (l·i_k) × (j_k·r) matrix and moves j_k next to P. Adjacent cores may first
 * be merged into one (a group): that removes their shared bond from the per-sample work, at a cost paid
 * once per batch. The grouping with the fewest multiply-accumulates at batch {@value #PLAN_BATCH} is chosen
 * when the layer is built; all sites in one group (W itself) is never a candidate.
 */
public final class MpoLinear extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int[] rowFactors;
    private final int[] colFactors;
    private final int[] bonds;
    private final List<Parameter> cores = new ArrayList<>();
    private final Parameter bias;
    /** end (exclusive) of each group of adjacent sites merged before contracting with the input */
    private final int[] groupEnds;

    /** Batch size the contraction plan is chosen for: merging cores costs once per batch, contracting per sample. */
    public static final int PLAN_BATCH = 128;

    /**
     * @param rowFactors input dimension factors i_1..i_d (product = input features)
     * @param colFactors output dimension factors j_1..j_d (product = output units)
     * @param bonds      the d-1 internal bond dimensions
     */
    public MpoLinear(int[] rowFactors, int[] colFactors, int[] bonds) {
        super(VERSION);
        if (rowFactors.length != colFactors.length || rowFactors.length < 1 || bonds.length != rowFactors.length - 1) {
            throw new IllegalArgumentException("MPO with " + rowFactors.length + " row and " + colFactors.length
                    + " column factors needs " + (rowFactors.length - 1) + " bonds, got " + bonds.length);
        }
        this.rowFactors = rowFactors.clone();
        this.colFactors = colFactors.clone();
        this.bonds = bonds.clone();
        for (int k = 0; k < sites(); k++) {
            cores.add(addParameter(Parameter.builder().setName("core" + k).setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(left(k) * rowFactors[k], colFactors[k] * right(k)))
                    .optInitializer(new NormalInitializer(0.01f)).build()));
        }
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(outputs())).optInitializer(new ConstantInitializer(0f)).build());
        groupEnds = cheapestPlan();
    }

    /**
     * The grouping of adjacent sites with the fewest multiply-accumulates per sample at {@link #PLAN_BATCH}:
     * merging two neighbouring cores first can remove a large middle bond from the per-sample contraction.
     * Every site on its own is one candidate; all sites in one group (that would be W itself) is not.
     */
    private int[] cheapestPlan() {
        int d = sites();
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int mask = 0; mask < (1 << (d - 1)); mask++) {
            // bit k set: a group ends after site k
            List<Integer> ends = new ArrayList<>();
            for (int k = 0; k < d - 1; k++) {
                if ((mask & (1 << k)) != 0) {
                    ends.add(k + 1);
                }
            }
            ends.add(d);
            if (d > 1 && ends.size() == 1) {
                continue;
            }
            int[] plan = ends.stream().mapToInt(Integer::intValue).toArray();
            double cost = contractionMacs(plan, PLAN_BATCH) + mergeMacs(plan);
            if (cost < bestCost) {
                bestCost = cost;
                best = plan;
            }
        }
        return best;
    }

    /** Multiply-accumulates of merging each group's cores (once per forward pass). */
    private long mergeMacs(int[] plan) {
        long macs = 0;
        int start = 0;
        for (int end : plan) {
            long rows = rowFactors[start];
            long cols = colFactors[start];
            for (int k = start + 1; k < end; k++) {
                // (l, I, J, m) x (m, i, j, r)
                macs += left(start) * rows * cols * left(k) * rowFactors[k] * (long) colFactors[k] * right(k);
                rows *= rowFactors[k];
                cols *= colFactors[k];
            }
            start = end;
        }
        return macs;
    }

    private long contractionMacs(int[] plan, long batch) {
        long p = batch;
        long rest = inputs();
        long macs = 0;
        int start = 0;
        for (int end : plan) {
            long i = 1;
            long j = 1;
            for (int k = start; k < end; k++) {
                i *= rowFactors[k];
                j *= colFactors[k];
            }
            rest /= i;
            macs += p * rest * left(start) * i * j * right(end - 1);
            p *= j;
            start = end;
        }
        return macs;
    }

    /** Ends (exclusive) of the groups of sites the forward pass merges before contracting. */
    public int[] contractionGroups() {
        return groupEnds.clone();
    }

    public int sites() {
        return rowFactors.length;
    }

    public int inputs() {
        return Arrays.stream(rowFactors).reduce(1, (a, b) -> a * b);
    }

    public int outputs() {
        return Arrays.stream(colFactors).reduce(1, (a, b) -> a * b);
    }

    public int[] rowFactors() {
        return rowFactors.clone();
    }

    public int[] colFactors() {
        return colFactors.clone();
    }

    public int[] bonds() {
        return bonds.clone();
    }

    private int left(int k) {
        return k == 0 ? 1 : bonds[k - 1];
    }

    private int right(int k) {
        return k == sites() - 1 ? 1 : bonds[k];
    }

    /** Trainable values: the cores plus the bias. */
    public long parameterCount() {
        return coreParameterCount() + outputs();
    }

    public long coreParameterCount() {
        long n = 0;
        for (int k = 0; k < sites(); k++) {
            n += (long) left(k) * rowFactors[k] * colFactors[k] * right(k);
        }
        return n;
    }

    /**
     * Multiply-accumulates of one forward pass over {@code batch} samples in the order forward uses: the
     * per-sample contraction plus merging grouped cores (once per pass).
     */
    public long multiplyAccumulates(long batch) {
        return contractionMacs(groupEnds, batch) + mergeMacs(groupEnds);
    }

    /** Sets the cores (after initialisation); each must match this layer's factors and bonds. */
    public void setCores(List<MpoCore> values) {
        if (values.size() != sites()) {
            throw new IllegalArgumentException("expected " + sites() + " cores, got " + values.size());
        }
        for (int k = 0; k < sites(); k++) {
            MpoCore c = values.get(k);
            if (c.left() != left(k) || c.rowDim() != rowFactors[k] || c.colDim() != colFactors[k] || c.right() != right(k)) {
                throw new IllegalArgumentException("core " + k + " is " + c.left() + "x" + c.rowDim() + "x" + c.colDim()
                        + "x" + c.right() + ", the layer expects " + left(k) + "x" + rowFactors[k] + "x" + colFactors[k]
                        + "x" + right(k));
            }
            cores.get(k).getArray().set(c.values());
        }
    }

    /** The cores' current values (e.g. after healing). */
    public List<MpoCore> cores() {
        List<MpoCore> out = new ArrayList<>();
        for (int k = 0; k < sites(); k++) {
            out.add(new MpoCore(left(k), rowFactors[k], colFactors[k], right(k), cores.get(k).getArray().toFloatArray()));
        }
        return out;
    }

    public void setBias(float[] values) {
        bias.getArray().set(values);
    }

    public float[] biasValues() {
        return bias.getArray().toFloatArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long batch = x.getShape().get(0);
        NDArray state = x.reshape(batch, 1, inputs()); // (P, l, i_k..i_d)
        long p = batch;
        long rest = inputs();
        int start = 0;
        for (int end : groupEnds) {
            // the group's cores merged into one (l·I) x (J·r) matrix
            NDArray core = store.getValue(cores.get(start), x.getDevice(), training);
            long l = left(start);
            long i = rowFactors[start];
            long j = colFactors[start];
            for (int k = start + 1; k < end; k++) {
                NDArray next = store.getValue(cores.get(k), x.getDevice(), training);
                long m = left(k);
                long ib = rowFactors[k];
                long jb = colFactors[k];
                long r = right(k);
                // (l·I·J, m) · (m, i·j·r) -> (l, I, J, i, j, r) -> (l, I, i, J, j, r)
                core = perBatch(core.reshape(l * i * j, m), x).matMul(perBatch(next.reshape(m, ib * jb * r), x))
                        .reshape(l, i, j, ib, jb, r).transpose(0, 1, 3, 2, 4, 5).reshape(l * i * ib, j * jb * r);
                i *= ib;
                j *= jb;
            }
            long r = right(end - 1);
            rest /= i;
            // (P, l·I, rest) -> (P, rest, l·I) -> (P·rest, l·I) · (l·I, J·r)
            NDArray moved = state.reshape(p, l * i, rest).transpose(0, 2, 1).reshape(p * rest, l * i);
            NDArray product = moved.matMul(core).reshape(p, rest, j, r);
            p *= j;
            state = product.transpose(0, 2, 3, 1).reshape(p, r, rest); // (P·J, r, rest)
            start = end;
        }
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return new NDList(state.reshape(batch, outputs()).add(b));
    }

    /**
     * Views of a parameter live in the parameter's (the model's) manager; the merged core must die with the
     * batch instead, or every forward pass leaks it (16 GB after one healing epoch of a 4-site MLP).
     */
    private static NDArray perBatch(NDArray derived, NDArray input) {
        derived.attach(input.getManager());
        return derived;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputs())};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children: the cores and the bias are this block's own parameters
    }

    @Override
    public String toString() {
        return "MpoLinear(" + inputs() + "->" + outputs() + ", rows " + Arrays.toString(rowFactors) + ", cols "
                + Arrays.toString(colFactors) + ", bonds " + Arrays.toString(bonds) + ")";
    }
}
