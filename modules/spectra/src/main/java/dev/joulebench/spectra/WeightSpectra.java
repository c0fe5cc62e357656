package dev.joulebench.spectra;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer weight spectra, WeightWatcher-style: ESD, Marchenko-Pastur fit, power-law tail fit and
 * the derived quality metrics, plus plot-ready histogram and MP curve.
 */
public final class WeightSpectra {
    /** Histogram bins over {@code [0, 1.05 lambda_max]}. */
    public static final int HISTOGRAM_BINS = 80;
    /** Points of the MP density curve. */
    public static final int CURVE_POINTS = 200;

    private WeightSpectra() {
    }

    /** Analyses a dense weight, or a conv kernel through the pooled ESD of its slices ({@link ConvKernels}). */
    public static LayerSpectrum analyze(WeightMatrix w) {
        Esd esd = w.isConv() ? ConvKernels.combinedEsd(w) : Esd.of(w);
        return analyze(w.name(), esd);
    }

    /** Analyses each spatial slice of a conv kernel separately, named {@code name[i,j]}. */
    public static List<LayerSpectrum> analyzeSlices(WeightMatrix conv) {
        List<LayerSpectrum> out = new ArrayList<>();
        for (WeightMatrix s : ConvKernels.slices(conv)) {
            out.add(analyze(s));
        }
        return out;
    }

    /** Analyses every weight in order; the first degenerate one raises a {@link SpectrumException} naming it. */
    public static List<LayerSpectrum> analyzeAll(List<WeightMatrix> ws) {
        List<LayerSpectrum> out = new ArrayList<>(ws.size());
        for (WeightMatrix w : ws) {
            out.add(analyze(w));
        }
        return out;
    }

    /** Analyses a ready ESD. */
    public static LayerSpectrum analyze(String layer, Esd esd) {
        double[] ev = esd.eigenvalues();
        double[] s2 = esd.sigmaSquared();
        MpFit mp = MarchenkoPastur.fit(ev, esd.n(), esd.m());
        PowerLawFit pl = PowerLawFit.fit(s2);
        double lambdaMax = esd.lambdaMax();
        double s2Max = s2[s2.length - 1];
        double sum = 0;
        for (double v : ev) {
            sum += v;
        }
        double alpha = pl.alpha();
        double alphaHat = alpha * Math.log10(s2Max);
        double logAlphaNorm = Double.NaN;
        if (!Double.isNaN(alpha)) {
            // sum sigma_i^(2 alpha) = s2Max^alpha * sum (s2_i / s2Max)^alpha, computed in logs to avoid overflow
            double rel = 0;
            for (double v : s2) {
                if (v > 0) {
                    rel += Math.pow(v / s2Max, alpha);
                }
            }
            logAlphaNorm = alpha * Math.log10(s2Max) + Math.log10(rel);
        }
        String flag = null;
        if (alpha < 2) {
            flag = LayerSpectrum.OVER_TRAINED;
        } else if (alpha > 6) {
            flag = LayerSpectrum.UNDER_TRAINED;
        }
        Histogram hist = Histogram.of(ev, 0, 1.05 * lambdaMax, HISTOGRAM_BINS);
        Curve curve = MarchenkoPastur.curve(mp.sigma2(), mp.ratio(), CURVE_POINTS);
        return new LayerSpectrum(layer, esd.n(), esd.m(), esd, mp, pl, alphaHat, Math.log10(s2Max), logAlphaNorm,
                sum / lambdaMax, mp.lambdaPlus() / lambdaMax, Spectral.entropy(ev), mp.spikes(), flag, hist, curve);
    }
}
