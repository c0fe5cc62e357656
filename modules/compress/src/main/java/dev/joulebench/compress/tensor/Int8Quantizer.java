package dev.joulebench.compress.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Symmetric int8 weight quantisation: per output channel for matrices, and per right-bond index for MPO cores
 * (a core viewed as the {@code (left·m_k·n_k) x right} matrix gets one scale per column; the last core, whose
 * right bond is 1, gets a single scale). Codes are {@code round(w / scale)} in [−127, 127], so the round-trip
 * error of every element is at most {@code scale / 2}.
 */
public final class Int8Quantizer {
    private Int8Quantizer() {
    }

    public static QuantizedMatrix quantize(DenseMatrix w) {
        int rows = w.rows();
        int cols = w.cols();
        float[] v = w.values();
        float[] max = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float x = v[r * cols + c];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("cannot quantize a non-finite weight " + x + " at [" + r + "," + c + "]");
                }
                max[c] = Math.max(max[c], Math.abs(x));
            }
        }
        float[] scales = new float[cols];
        for (int c = 0; c < cols; c++) {
            scales[c] = max[c] / 127f;
        }
        byte[] q = new byte[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (scales[c] > 0) {
                    int code = Math.round(v[r * cols + c] / scales[c]);
                    q[r * cols + c] = (byte) Math.max(-127, Math.min(127, code));
                }
            }
        }
        return new QuantizedMatrix(rows, cols, q, scales);
    }

    /** MPO + int8: every core quantised per right-bond index, then dequantised back into a float MPO. */
    public static Mpo quantizeCores(Mpo mpo) {
        List<MpoCore> out = new ArrayList<>(mpo.cores().size());
        for (MpoCore c : mpo.cores()) {
            DenseMatrix asMatrix = new DenseMatrix(c.left() * c.rowDim() * c.colDim(), c.right(), c.values());
            float[] back = quantize(asMatrix).dequantize().values();
            out.add(new MpoCore(c.left(), c.rowDim(), c.colDim(), c.right(), back));
        }
        return new Mpo(mpo.shape(), out);
    }

    /** Bytes of the int8 cores: one per parameter plus a float32 scale per right-bond index of each core. */
    public static long quantizedCoreBytes(Mpo mpo) {
        long bytes = 0;
        for (MpoCore c : mpo.cores()) {
            bytes += c.size() + 4L * c.right();
        }
        return bytes;
    }
}
