package dev.joulebench.compress.rmtkd;

/**
 * One layer the schedule looked at: its spectrum, the cut it suggested, and what became of it.
 *
 * @param pass                1-based sweep over the layers this belongs to (more than one only with a parameter
 *                            target)
 * @param layer               fc1, fc2, ... (the dense layer whose outputs were cut)
 * @param widthBefore         {@code d}
 * @param kept                {@code k}: eigenvalues above the threshold, the spectrum's answer
 * @param cutWidth            the width the cut narrowed the layer to: {@code k}, or more where the parameter target
 *                            needed a smaller cut
 * @param widthAfter          the layer's width in the model the job kept ({@code cutWidth} if accepted, else
 *                            {@code d})
 * @param samples             calibration samples
 * @param liveFeatures        units that varied over them
 * @param ratio               {@code q} of the noise model
 * @param sigma2Initial       the quantile start of the noise variance
 * @param sigma2              the fitted noise variance
 * @param lambdaPlus          the bulk edge {@code sigma2 (1 + sqrt q)^2}
 * @param margin              the Tracy-Widom margin above it (0 when not used)
 * @param bulkWeight          the fitted share of eigenvalues in the bulk
 * @param paramsBefore        model parameters before the cut
 * @param paramsAfter         model parameters with the cut (whether or not it was kept)
 * @param validationCut       validation accuracy right after the cut, before distillation (NaN if not cut)
 * @param validationDistilled validation accuracy after distillation (NaN if not cut)
 * @param distillEpochs       epochs distilled
 * @param distillSteps        optimizer steps distilled
 * @param spectrumSeconds     time to collect activations, form the covariance and decompose it
 * @param distillSeconds      time distilling
 * @param outcome             accepted, rejected-accuracy, below-min-keep, no-cut, cancelled
 */
public record CutRecord(int pass, String layer, int widthBefore, int kept, int cutWidth, int widthAfter, int samples, int liveFeatures,
                        double ratio, double sigma2Initial, double sigma2, double lambdaPlus, double margin,
                        double bulkWeight, long paramsBefore, long paramsAfter, double validationCut,
                        double validationDistilled, int distillEpochs, long distillSteps, double spectrumSeconds,
                        double distillSeconds, String outcome) {
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED_ACCURACY = "rejected-accuracy";
    public static final String BELOW_MIN_KEEP = "below-min-keep";
    public static final String NO_CUT = "no-cut";
}
