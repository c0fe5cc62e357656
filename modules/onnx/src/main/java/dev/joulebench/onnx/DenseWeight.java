package dev.joulebench.onnx;

import java.util.Arrays;

/**
 * A dense weight of an ONNX graph copied out as plain floats, for spectra and compression.
 *
 * <p>Orientation: a {@link Kind#MATRIX} is always {@code [in, out]}, row-major, so that the layer computes
 * {@code y = x · W}: {@code values[i * out + j]} connects input {@code i} to output {@code j}. That is
 * ONNX's own layout for {@code MatMul(x, W)} and {@code Gemm} with {@code transB=0}; {@code Gemm} with
 * {@code transB=1} (PyTorch's Linear export) and {@code MatMul(W, x)} store {@code [out, in]} and are
 * transposed on extraction ({@link #transposed()} is then true, and {@link #toStorage} undoes it).
 * A {@link Kind#CONV_KERNEL} keeps ONNX's Conv layout {@code [out, in/group, kh, kw]} unchanged.
 *
 * @param initializer the initializer's name (unique in the graph)
 * @param node        the first node that uses it as a weight (its name, or op type and outputs)
 * @param opType      Gemm, MatMul or Conv
 * @param kind        matrix or conv kernel
 * @param shape       {@code [in, out]} for a matrix, {@code [out, in/group, kh, kw]} for a kernel
 * @param values      row-major values in {@code shape}'s orientation
 * @param transposed  whether the stored tensor is the transpose of {@code shape}
 */
public record DenseWeight(String initializer, String node, String opType, Kind kind, int[] shape, float[] values,
                          boolean transposed) {
    public enum Kind { MATRIX, CONV_KERNEL }

    public DenseWeight {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length) {
            throw new IllegalArgumentException(initializer + ": " + values.length + " values for shape "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Inputs of a matrix (rows), or {@code in/group * kh * kw} of a kernel. */
    public int inputs() {
        return kind == Kind.MATRIX ? shape[0] : values.length / shape[0];
    }

    /** Outputs of a matrix (columns), or output channels of a kernel. */
    public int outputs() {
        return kind == Kind.MATRIX ? shape[1] : shape[0];
    }

    /** {@code newValues}, given in this weight's orientation, in the stored tensor's layout. */
    public float[] toStorage(float[] newValues) {
        if (newValues.length != values.length) {
            throw new IllegalArgumentException(initializer + " holds " + values.length + " values, got " + newValues.length);
        }
        return transposed ? transpose(newValues, shape[0], shape[1]) : newValues.clone();
    }

    /** Row-major transpose of a {@code rows x cols} matrix. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
