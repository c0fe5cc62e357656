package dev.joulebench.spectra;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * EigenTrack-style descriptors of a window of activations ({@code samples x features}, row-major):
 * the spectrum of the feature covariance and how far it is from the Marchenko-Pastur law of pure
 * noise. Cheap enough to run every few training steps: only the smaller of the two Gram matrices is
 * formed ({@code X^T X} if samples >= features, else {@code X X^T}, whose non-zero eigenvalues are
 * the same), followed by a symmetric eigensolve without vectors.
 *
 * <p>Conventions: features are centred over samples and the covariance is
 * {@code Xc^T Xc / (samples - 1)}; centring removes one degree of freedom, so the MP aspect ratio is
 * {@code gamma = features / (samples - 1)}. {@code sigma2} is the mean eigenvalue (trace / features,
 * which is exactly the MP mean, atom at 0 included) and {@code lambda+ = sigma2 (1 + sqrt gamma)^2}.
 * Outliers are eigenvalues above {@code lambda+} plus the same Tracy-Widom margin as for weights
 * ({@link MarchenkoPastur#margin}, with N = max(features, samples - 1)).
 *
 * <p>KL divergence {@code sum_b p_b ln(p_b / q_b)} compares the non-zero part of the spectrum (the
 * top {@code min(features, samples - 1)} eigenvalues) with the MP law restricted to its continuous
 * part: {@code p_b} are the fractions of eigenvalues in {@code B = clamp(round(sqrt r), 10, 50)}
 * equal bins over {@code [0, 1.05 max(lambda_max, lambda+)]}, {@code q_b} the MP probability of each
 * bin (exact, from the CDF) plus {@code epsilon = 1e-10}, renormalised. The epsilon keeps the
 * divergence finite when eigenvalues fall where MP has no mass (outliers), so each such eigenvalue
 * adds about {@code (1/r) ln(1e10 / r)}.
 *
 * @param samples         rows of the window
 * @param features        columns of the window
 * @param eigenvalues     all {@code features} covariance eigenvalues, ascending (zeros when features >= samples)
 * @param topK            the {@code k} largest, descending
 * @param spectralGap     {@code lambda1 - lambda2}
 * @param gapRatio        relative gap {@code (lambda1 - lambda2) / lambda1}, in [0, 1]
 * @param spectralEntropy {@code -sum p ln p / ln(rank)}, {@code p = lambda / sum lambda}
 * @param mpLambdaPlus    MP upper edge for {@code sigma2} = mean eigenvalue
 * @param outliers        eigenvalues above {@code mpLambdaPlus} plus the Tracy-Widom margin
 * @param klFromMp        KL divergence of the ESD histogram from MP, in nats
 */
public record ActivationSpectrum(int samples, int features, double[] eigenvalues, double[] topK, double spectralGap,
                                 double gapRatio, double spectralEntropy, double mpLambdaPlus, int outliers,
                                 double klFromMp) {
    /** Added to each MP bin probability before the KL divergence. */
    public static final double KL_EPSILON = 1e-10;

    /** Analyses one window; the layer is named "activations" in errors. */
    public static ActivationSpectrum analyze(float[] activations, int samples, int features, int topK) {
        return analyze("activations", activations, samples, features, topK);
    }

    /** Analyses one window of activations of {@code layer}. */
    public static ActivationSpectrum analyze(String layer, float[] activations, int samples, int features, int topK) {
        Gram.validate(layer, activations, samples, features);
        if (samples < 3) {
            throw new SpectrumException("layer '" + layer + "': need at least 3 samples for a covariance, got " + samples);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        int dof = samples - 1;
        double[] mean = new double[features];
        for (int s = 0; s < samples; s++) {
            int base = s * features;
            for (int f = 0; f < features; f++) {
                mean[f] += activations[base + f];
            }
        }
        for (int f = 0; f < features; f++) {
            mean[f] /= samples;
        }
        DMatrixRMaj x = new DMatrixRMaj(samples, features);
        for (int s = 0; s < samples; s++) {
            int base = s * features;
            for (int f = 0; f < features; f++) {
                x.data[base + f] = activations[base + f] - mean[f];
            }
        }
        DMatrixRMaj gram = samples >= features ? Gram.inner(x) : Gram.outer(x);
        double[] small = Gram.symmetricEigenvalues(layer, gram);
        double[] ev = new double[features]; // zeros first, then the Gram eigenvalues (ascending)
        int offset = features - small.length;
        for (int i = 0; i < small.length; i++) {
            ev[offset + i] = small[i] / dof;
        }
        double lambda1 = ev[features - 1];
        if (!(lambda1 > 0)) {
            throw new SpectrumException("layer '" + layer + "': activations are constant over the window");
        }
        int k = Math.min(topK, features);
        double[] top = new double[k];
        for (int i = 0; i < k; i++) {
            top[i] = ev[features - 1 - i];
        }
        double lambda2 = ev[features - 2];
        double trace = 0;
        for (double v : ev) {
            trace += v;
        }
        double sigma2 = trace / features;
        double gamma = (double) features / dof;
        double lp = sigma2 * (1 + Math.sqrt(gamma)) * (1 + Math.sqrt(gamma));
        int bigN = Math.max(features, dof);
        double margin = MarchenkoPastur.margin(lp, bigN, Math.min(gamma, 1 / gamma));
        int outliers = 0;
        for (double v : ev) {
            if (v > lp + margin) {
                outliers++;
            }
        }
        int r = Math.min(features, dof);
        double[] nonzero = Arrays.copyOfRange(ev, features - r, features);
        double kl = klFromMp(nonzero, sigma2, gamma, lp);
        return new ActivationSpectrum(samples, features, ev, top, lambda1 - lambda2, (lambda1 - lambda2) / lambda1,
                Spectral.entropy(ev), lp, outliers, kl);
    }

    /**
     * KL(ESD histogram || MP). For gamma <= 1 the reference is MP(sigma2, gamma); for gamma > 1 the
     * non-zero eigenvalues follow {@code gamma * MP(sigma2, 1/gamma)}, so its CDF is
     * {@code F(x / gamma; sigma2, 1/gamma)}.
     */
    private static double klFromMp(double[] nonzero, double sigma2, double gamma, double lambdaPlus) {
        int r = nonzero.length;
        int bins = (int) Math.max(10, Math.min(50, Math.round(Math.sqrt(r))));
        double hi = 1.05 * Math.max(nonzero[r - 1], lambdaPlus);
        double width = hi / bins;
        double[] p = new double[bins];
        for (double v : nonzero) {
            p[Math.max(0, Math.min(bins - 1, (int) Math.floor(v / width)))] += 1.0 / r;
        }
        double[] q = new double[bins];
        double qSum = 0;
        double prev = 0;
        for (int b = 0; b < bins; b++) {
            double edge = width * (b + 1);
            double c = gamma <= 1 ? MarchenkoPastur.cdf(edge, sigma2, gamma)
                    : MarchenkoPastur.cdf(edge / gamma, sigma2, 1 / gamma);
            q[b] = Math.max(0, c - prev) + KL_EPSILON;
            prev = c;
            qSum += q[b];
        }
        double kl = 0;
        for (int b = 0; b < bins; b++) {
            if (p[b] > 0) {
                kl += p[b] * Math.log(p[b] / (q[b] / qSum));
            }
        }
        return kl;
    }
}
