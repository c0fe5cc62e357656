package dev.joulebench.train.cafo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Closed-form mean-squared-error predictor: {@code [W; b] = argmin ||[F 1][W; b] − Y||² + λ||[W; b]||²}
 * with {@code Y} the one-hot labels. Batches add {@code AᵀA} and {@code AᵀY} ({@code A = [F 1]}, the bias
 * is a constant-one feature column), each batch's product in float32 and the sums in float64; {@link #solve}
 * forms {@code (AᵀA + λI)⁻¹ AᵀY} in float64 (PyTorch's LAPACK inverse). The ridge is
 * {@code λ = ridge · trace(AᵀA) / d} (d = features + 1, ridge = 1e-3 in CaFo), so it scales with the
 * features and keeps the system well-posed when features outnumber images or are collinear; it also
 * applies to the bias. Memory is {@code 8·d²} bytes.
 */
final class RidgeLeastSquares implements AutoCloseable {
    private final NDManager manager;
    private final int features;
    private final int classes;
    private final NDArray gram;
    private final NDArray cross;
    private long rows;
    private double lambda = Double.NaN;

    RidgeLeastSquares(NDManager parent, int features, int classes) {
        this.manager = parent.newSubManager();
        this.features = features;
        this.classes = classes;
        int d = features + 1;
        gram = manager.zeros(new Shape(d, d), DataType.FLOAT64);
        cross = manager.zeros(new Shape(d, classes), DataType.FLOAT64);
    }

    /** Adds a batch: features (N × features, float32) and int64 labels (N). */
    void add(NDArray f, NDArray labels) {
        try (NDManager m = f.getManager().newSubManager()) {
            NDArray ones = m.ones(new Shape(f.getShape().get(0), 1));
            NDArray a = NDArrays.concat(new NDList(f.reshape(f.getShape().get(0), features), ones), 1);
            NDArray at = a.transpose();
            gram.addi(at.matMul(a).toType(DataType.FLOAT64, false));
            cross.addi(at.matMul(labels.oneHot(classes, DataType.FLOAT32)).toType(DataType.FLOAT64, false));
            rows += f.getShape().get(0);
        }
    }

    long rows() {
        return rows;
    }

    /** The λ of the last {@link #solve}. */
    double lambda() {
        return lambda;
    }

    /** {@code (features + 1) × classes} float32 weights, bias last, created in {@code target}. */
    NDArray solve(double ridge, NDManager target) {
        try (NDManager m = manager.newSubManager()) {
            int d = features + 1;
            double trace = gram.diagonal().sum().getDouble();
            lambda = ridge * trace / d + 1e-12;
            NDArray eye = m.eye(d).toType(DataType.FLOAT64, false).mul(lambda);
            NDArray system = gram.add(eye);
            system.attach(m);
            NDArray w = system.inverse().matMul(cross).toType(DataType.FLOAT32, false);
            float[] values = w.toFloatArray();
            return target.create(values, new Shape(d, classes));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
