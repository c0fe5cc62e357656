package dev.joulebench.spectra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * Conv kernels the WeightWatcher way (its default {@code conv2d_fft=False}): a kernel of shape
 * {@code [out, in, kh, kw]} is {@code kh * kw} matrices {@code K[:, :, i, j]} of shape
 * {@code out x in}, one per spatial position, each transposed if needed so that {@code N >= M}.
 * Each slice is an independent draw of the same MP law at initialisation, so their spectra can be
 * analysed one by one or pooled into one ESD.
 */
public final class ConvKernels {
    private ConvKernels() {
    }

    /** The {@code kh * kw} slices as 2-D weights named {@code name[i,j]}, oriented {@code N x M}, {@code N >= M}. */
    public static List<WeightMatrix> slices(WeightMatrix conv) {
        int[] s = conv.shape();
        if (s.length != 4) {
            throw new SpectrumException("layer '" + conv.name() + "': expected a conv kernel [out,in,kh,kw], got shape "
                    + Arrays.toString(s));
        }
        int out = s[0];
        int in = s[1];
        int kh = s[2];
        int kw = s[3];
        boolean transpose = out < in;
        int n = Math.max(out, in);
        int m = Math.min(out, in);
        float[] k = conv.data();
        List<WeightMatrix> result = new ArrayList<>(kh * kw);
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                float[] slice = new float[n * m];
                for (int o = 0; o < out; o++) {
                    for (int c = 0; c < in; c++) {
                        float v = k[((o * in + c) * kh + i) * kw + j];
                        if (transpose) {
                            slice[c * m + o] = v;
                        } else {
                            slice[o * m + c] = v;
                        }
                    }
                }
                result.add(new WeightMatrix(conv.name() + "[" + i + "," + j + "]", new int[] {n, m}, slice));
            }
        }
        return result;
    }

    /**
     * Pooled ESD of all slices: the eigenvalues of every slice's {@code W^T W / N}, together,
     * ascending. The kernel is validated as a whole (an all-zero slice alone is allowed, since other
     * positions may carry the weight), so degenerate-input errors name the conv layer.
     */
    public static Esd combinedEsd(WeightMatrix conv) {
        List<WeightMatrix> slices = slices(conv);
        int n = slices.get(0).shape()[0];
        int m = slices.get(0).shape()[1];
        Gram.validate(conv.name(), conv.data(), conv.shape()[0], conv.data().length / conv.shape()[0]);
        if (m < 2) {
            throw new SpectrumException("layer '" + conv.name() + "': conv slices are " + n + "x" + m
                    + " and have no spectrum to analyse (need at least 2 input and 2 output channels)");
        }
        double[] all = new double[slices.size() * m];
        int at = 0;
        for (WeightMatrix w : slices) {
            DMatrixRMaj a = new DMatrixRMaj(n, m);
            float[] d = w.data();
            for (int i = 0; i < d.length; i++) {
                a.data[i] = d[i];
            }
            double[] ev = Gram.symmetricEigenvalues(w.name(), Gram.inner(a));
            System.arraycopy(ev, 0, all, at, m);
            at += m;
        }
        Arrays.sort(all);
        return Esd.fromUnnormalised(all, n, m);
    }
}
