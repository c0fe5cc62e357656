package dev.joulebench.compress.rmtkd;

import dev.joulebench.spectra.Curve;
import dev.joulebench.spectra.MpBulkFit;

/**
 * What {@code spectra/rmtkd.json} holds for one layer: its activation ESD, the fitted MP bulk and the cut, so
 * a viewer can draw the histogram with the MP curve, {@code lambda+} and the kept outliers marked.
 *
 * @param layer          fc1, fc2, ...
 * @param eigenvalues    every covariance eigenvalue, descending
 * @param histogramEdges the fit's fixed bins
 * @param histogram      the histogram density of each bin
 * @param mpX            points of the fitted MP density (scaled by the bulk share) on {@code [lambda-, lambda+]}
 * @param mpY            its values
 */
public record SpectrumReport(String layer, int features, int samples, int liveFeatures, double ratio, double quantile,
                             double sigma2Initial, double sigma2, double lambdaMinus, double lambdaPlus, double margin,
                             double threshold, int kept, double bulkWeight, double fitResidual, boolean fitAtSearchBound,
                             String solver, double[] eigenvalues, double[] histogramEdges, double[] histogram,
                             double[] mpX, double[] mpY) {
    static final int CURVE_POINTS = 200;

    public static SpectrumReport of(SpectralCut cut) {
        MpBulkFit f = cut.fit();
        Curve c = f.curve(CURVE_POINTS);
        return new SpectrumReport(cut.layer(), cut.features(), cut.samples(), cut.liveFeatures(), cut.ratio(),
                f.quantile(), f.sigma2Initial(), f.sigma2(), f.lambdaMinus(), f.lambdaPlus(), cut.margin(),
                cut.threshold(), cut.kept(), f.bulkWeight(), f.residual(), f.atSearchBound(), cut.solver(),
                cut.eigenvalues(), f.binEdges(), f.histogram(), c.x(), c.y());
    }
}
