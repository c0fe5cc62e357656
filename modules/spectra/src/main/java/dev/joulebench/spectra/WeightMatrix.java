package dev.joulebench.spectra;

/**
 * A layer's weights as plain floats, row-major, as extracted from a model (DJL, ONNX): a dense
 * weight is {@code rows x cols}; a conv kernel keeps its full shape in {@code shape}
 * ({@code [out, in, kh, kw]}) and is reshaped by {@link ConvKernels}.
 *
 * @param name  layer name as the user sees it (e.g. {@code 01Linear_weight} or an ONNX initializer name)
 * @param shape the tensor shape; 2 dimensions for dense, 4 for conv
 * @param data  the values, row-major over {@code shape}
 */
public record WeightMatrix(String name, int[] shape, float[] data) {
    public WeightMatrix {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException(name + ": shape dimensions must be positive");
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values do not fill shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    public boolean isConv() {
        return shape.length == 4;
    }
}
