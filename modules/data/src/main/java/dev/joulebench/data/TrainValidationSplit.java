package dev.joulebench.data;

import dev.joulebench.core.BadInputException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A seeded split of a training set into train and validation rows.
 *
 * <p>The validation rows are the first round(count × fraction) entries of a seeded permutation, the
 * train rows the rest; both are then sorted ascending. The split is therefore a pure function of
 * (count, fraction, seed), so two runs with the same seed validate on the same images, and rows
 * keep their file order, which makes a split easy to inspect.
 */
public record TrainValidationSplit(ImageDataset train, ImageDataset validation) {

    /** Separates split permutations from batch permutations made with the same user seed. */
    private static final long SPLIT_DOMAIN = 0x5EED_5B11_7000_0001L;

    public TrainValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * @param validationFraction share of rows held out, in [0,1)
     * @throws BadInputException if the fraction is outside [0,1)
     */
    public static TrainValidationSplit of(ImageDataset full, double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new BadInputException("Validation fraction must be in [0, 1), got " + validationFraction
                    + "; use e.g. 0.1 to hold out 10% of the training set, or 0 for none.");
        }
        int count = full.count();
        int validationCount = (int) Math.round(count * validationFraction);
        int[] order = SplitMix64.permutation(count, SplitMix64.mix64(seed ^ SPLIT_DOMAIN));
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int[] train = Arrays.copyOfRange(order, validationCount, count);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new TrainValidationSplit(full.subset(train), full.subset(validation));
    }
}
