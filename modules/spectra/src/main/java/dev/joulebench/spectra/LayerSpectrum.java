package dev.joulebench.spectra;

/**
 * Everything the app plots and tabulates for one layer. Scales: {@code esd}, {@code mp},
 * {@code histogram} and {@code mpCurve} use the {@code W^T W / N} scale (so MP is size-free);
 * {@code alphaHat}, {@code logSpectralNorm} and {@code logAlphaNorm} use WeightWatcher's unnormalised
 * {@code sigma_i^2} so they match its {@code alpha_weighted}, {@code log_spectral_norm} and
 * {@code log_norm}-style columns; {@code alpha}, {@code stableRank}, {@code mpSoftRank} and
 * {@code spectralEntropy} are scale-free.
 *
 * @param layer           layer name
 * @param n               rows (N >= M; for conv, of one slice)
 * @param m               columns
 * @param esd             the spectrum (pooled over slices for conv)
 * @param mp              Marchenko-Pastur fit
 * @param powerLaw        heavy-tail power-law fit
 * @param alphaHat        {@code alpha * log10(sigma^2_max)}
 * @param logSpectralNorm {@code log10(sigma^2_max)}
 * @param logAlphaNorm    {@code log10(sum sigma_i^(2 alpha))}
 * @param stableRank      {@code sum lambda / lambda_max}
 * @param mpSoftRank      {@code lambda+ / lambda_max}
 * @param spectralEntropy {@code -sum p ln p / ln(rank)}, {@code p = lambda / sum lambda}, rank = numerical rank
 * @param spikes          eigenvalues above the MP edge plus margin
 * @param flag            {@link #OVER_TRAINED}, {@link #UNDER_TRAINED} or null
 * @param histogram       ESD density histogram, 80 bins over {@code [0, 1.05 lambda_max]}
 * @param mpCurve         fitted MP density on 200 points of {@code [lambda-, lambda+]}
 */
public record LayerSpectrum(String layer, int n, int m, Esd esd, MpFit mp, PowerLawFit powerLaw,
                            double alphaHat, double logSpectralNorm, double logAlphaNorm, double stableRank,
                            double mpSoftRank, double spectralEntropy, int spikes, String flag,
                            Histogram histogram, Curve mpCurve) {
    /** WeightWatcher's reading of alpha below 2. */
    public static final String OVER_TRAINED = "over-trained (alpha < 2)";
    /** WeightWatcher's reading of alpha above 6. */
    public static final String UNDER_TRAINED = "under-trained (alpha > 6)";
}
