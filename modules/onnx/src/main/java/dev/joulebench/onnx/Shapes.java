package dev.joulebench.onnx;

import dev.joulebench.onnx.proto.Onnx.NodeProto;
import java.util.Arrays;

/**
 * Shape arithmetic of the operators {@link ShapeInference} follows. The dims come from the file, so every
 * product and sum is exact: one that does not fit a long throws {@link ArithmeticException} instead of
 * wrapping round to a plausible-looking size.
 */
final class Shapes {
    private Shapes() {}

    static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** The product of {@code s[from..to)}; ArithmeticException when it overflows a long. */
    static long product(long[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p = Math.multiplyExact(p, s[i]);
        }
        return p;
    }

    /** Whether every dim is a size (0 or more): inference may compute a negative one from hostile attributes. */
    static boolean isValid(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    static long[] broadcast(long[] a, long[] b) {
        if (a == null || b == null) {
            return null;
        }
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** numpy's matmul shape; null when either is unknown or a scalar (which MatMul does not take). */
    static long[] matMul(long[] a, long[] b) {
        if (a == null || b == null || a.length == 0 || b.length == 0) {
            return null;
        }
        long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
        long[] batchA = Arrays.copyOf(a2, a2.length - 2);
        long[] batchB = Arrays.copyOf(b2, b2.length - 2);
        long[] batch = broadcast(batchA, batchB);
        long[] r = Arrays.copyOf(batch, batch.length + 2);
        r[batch.length] = a2[a2.length - 2];
        r[batch.length + 1] = b2[b2.length - 1];
        if (a.length == 1) {
            r = removeAxis(r, batch.length);
        }
        if (b.length == 1) {
            r = removeAxis(r, r.length - 1);
        }
        return r;
    }

    private static long[] removeAxis(long[] s, int axis) {
        long[] r = new long[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i != axis) {
                r[j++] = s[i];
            }
        }
        return r;
    }

    /** Output spatial size of a sliding window, as in the ONNX Conv/Pool specification; null for malformed pads. */
    static long[] windowed(NodeProto n, long[] x, long[] kernel, long outChannels) {
        int spatial = x.length - 2;
        long[] strides = orOnes(Nodes.intsAttr(n, "strides"), spatial);
        long[] dil = orOnes(Nodes.intsAttr(n, "dilations"), spatial);
        long[] pads = Nodes.intsAttr(n, "pads");
        String autoPad = Nodes.stringAttr(n, "auto_pad", "NOTSET");
        boolean ceil = Nodes.intAttr(n, "ceil_mode", 0) != 0;
        if (pads != null && pads.length != 2 * spatial) {
            return null;
        }
        long[] r = new long[x.length];
        r[0] = x[0];
        r[1] = outChannels;
        for (int i = 0; i < spatial; i++) {
            long in = x[i + 2];
            long effective = Math.addExact(Math.multiplyExact(Math.subtractExact(kernel[i], 1), dil[i]), 1);
            if (autoPad.equals("SAME_UPPER") || autoPad.equals("SAME_LOWER")) {
                r[i + 2] = Math.addExact(in, strides[i] - 1) / strides[i];
            } else if (autoPad.equals("VALID")) {
                r[i + 2] = Math.subtractExact(in, effective) / strides[i] + 1;
            } else {
                long pad = pads == null ? 0 : Math.addExact(pads[i], pads[i + spatial]);
                long span = Math.subtractExact(Math.addExact(in, pad), effective);
                r[i + 2] = (ceil ? Math.addExact(span, strides[i] - 1) / strides[i] : span / strides[i]) + 1;
            }
        }
        return r;
    }

    private static long[] orOnes(long[] v, int n) {
        if (v != null && v.length == n) {
            return v;
        }
        long[] ones = new long[n];
        Arrays.fill(ones, 1);
        return ones;
    }

    static long[] conv(NodeProto n, long[] x, long[] w) {
        if (x == null || w == null || x.length < 3 || w.length != x.length) {
            return null;
        }
        long[] kernel = Nodes.intsAttr(n, "kernel_shape");
        if (kernel == null || kernel.length != x.length - 2) {
            kernel = Arrays.copyOfRange(w, 2, w.length);
        }
        return windowed(n, x, kernel, w[0]);
    }

    static long[] pool(NodeProto n, long[] x) {
        long[] kernel = Nodes.intsAttr(n, "kernel_shape");
        if (x == null || kernel == null || x.length < 3 || kernel.length != x.length - 2) {
            return null;
        }
        return windowed(n, x, kernel, x[1]);
    }

    static long[] reshape(long[] x, long[] target, boolean allowZero) {
        long[] r = target.clone();
        long known = 1;
        int infer = -1;
        for (int i = 0; i < r.length; i++) {
            if (r[i] == 0 && !allowZero) {
                r[i] = x[i];
            }
            if (r[i] == -1) {
                infer = i;
            } else {
                known = Math.multiplyExact(known, r[i]);
            }
        }
        if (infer >= 0) {
            r[infer] = known == 0 ? 0 : product(x, 0, x.length) / known;
        }
        return r;
    }

    static long[] unsqueeze(long[] x, long[] axes) {
        int rank = x.length + axes.length;
        long[] r = new long[rank];
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            added[Math.toIntExact(a < 0 ? a + rank : a)] = true;
        }
        for (int i = 0, j = 0; i < rank; i++) {
            r[i] = added[i] ? 1 : x[j++];
        }
        return r;
    }

    static long[] squeeze(long[] x, long[] axes) {
        boolean[] drop = new boolean[x.length];
        for (long a : axes) {
            drop[Math.toIntExact(a < 0 ? a + x.length : a)] = true;
        }
        return java.util.stream.IntStream.range(0, x.length).filter(i -> !drop[i]).mapToLong(i -> x[i]).toArray();
    }
}
