package dev.joulebench.core.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The train/validation split a training run used, recorded in its run.json ({@code reports.split})
 * and its checkpoint, so evaluation and compression reuse exactly those validation rows.
 *
 * @param seed               seed of the split permutation
 * @param validationFraction share of the (limited) training set held out
 * @param limit              only the first {@code limit} training images were split; 0 = all
 * @param source             rows of the training file the split was drawn from (after the limit)
 * @param trainCount         rows trained on
 * @param validationCount    rows held out
 * @param trainHash          SHA-256 (hex) of the trained-on row indices in ascending order, as 4-byte big-endian ints
 * @param validationHash     the same of the held-out row indices
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SplitRecord(long seed, double validationFraction, int limit, int source, int trainCount,
                          int validationCount, String trainHash, String validationHash) {
    /** The {@code reports} section of run.json that holds a training run's split. */
    public static final String SECTION = "split";
}
