package dev.joulebench.spectra;

/**
 * A Marchenko-Pastur fit of an ESD on the {@code W^T W / N} scale.
 *
 * @param sigma2      fitted element variance: the mean of the bulk after iterative spike removal
 * @param ratio       aspect ratio {@code M/N <= 1}
 * @param lambdaMinus lower bulk edge {@code sigma2 (1 - sqrt(ratio))^2}
 * @param lambdaPlus  upper bulk edge {@code sigma2 (1 + sqrt(ratio))^2}
 * @param margin      finite-size (Tracy-Widom) margin: spikes are eigenvalues above {@code lambdaPlus + margin}
 * @param ks          Kolmogorov-Smirnov distance between the bulk's empirical CDF and the MP CDF
 * @param spikes      number of eigenvalues above {@code lambdaPlus + margin}
 * @param spikeValues those eigenvalues, ascending
 */
public record MpFit(double sigma2, double ratio, double lambdaMinus, double lambdaPlus, double margin,
                    double ks, int spikes, double[] spikeValues) {
}
