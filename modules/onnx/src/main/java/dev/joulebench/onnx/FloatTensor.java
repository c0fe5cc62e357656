package dev.joulebench.onnx;

import java.util.Arrays;

/**
 * A dense row-major tensor of floats, the currency of {@link OnnxRunner}.
 *
 * @param shape dimensions, outermost first
 * @param data  row-major values; {@code data.length} equals the product of {@code shape}
 */
public record FloatTensor(long[] shape, float[] data) {
    public FloatTensor {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
