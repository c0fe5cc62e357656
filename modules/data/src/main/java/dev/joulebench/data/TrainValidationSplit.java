package dev.joulebench.data;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.store.SplitRecord;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A seeded split of a training set into train and validation rows.
 *
 * <p>The validation rows are the first round(count × fraction) entries of a seeded permutation, the
 * train rows the rest; both are then sorted ascending. The split is therefore a pure function of
 * (count, fraction, seed), so two runs with the same seed validate on the same images, and rows
 * keep their file order, which makes a split easy to inspect. {@link #record()} describes it (with a
 * hash of each side's row indices) so that evaluation and compression can {@link #replay} exactly the
 * split a training run used, and notice when the dataset under it changed.
 */
public record TrainValidationSplit(ImageDataset train, ImageDataset validation, SplitRecord record) {

    /** Separates split permutations from batch permutations made with the same user seed. */
    private static final long SPLIT_DOMAIN = 0x5EED_5B11_7000_0001L;

    public TrainValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(record, "record");
    }

    /** Splits all rows of {@code full}. */
    public static TrainValidationSplit of(ImageDataset full, double validationFraction, long seed) {
        return of(full, validationFraction, seed, 0);
    }

    /**
     * Splits the first {@code limit} rows of a training file (all of them when {@code limit} is 0).
     *
     * @param validationFraction share of rows held out, in [0,1)
     * @throws BadInputException if the fraction is outside [0,1)
     */
    public static TrainValidationSplit of(ImageDataset trainFile, double validationFraction, long seed, int limit) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new BadInputException("Validation fraction must be in [0, 1), got " + validationFraction
                    + "; use e.g. 0.1 to hold out 10% of the training set, or 0 for none.");
        }
        ImageDataset full = limit > 0 && limit < trainFile.count() ? trainFile.head(limit) : trainFile;
        int[][] rows = rows(full.count(), validationFraction, seed);
        SplitRecord record = new SplitRecord(seed, validationFraction, Math.max(0, limit), full.count(),
                rows[0].length, rows[1].length, hash(rows[0]), hash(rows[1]));
        return new TrainValidationSplit(full.subset(rows[0]), full.subset(rows[1]), record);
    }

    /**
     * The split a training run recorded, rebuilt on its training file; a file whose rows no longer give the
     * recorded split (another dataset, or the file changed) is bad input.
     */
    public static TrainValidationSplit replay(ImageDataset trainFile, SplitRecord recorded) {
        TrainValidationSplit again = of(trainFile, recorded.validationFraction(), recorded.seed(), recorded.limit());
        if (again.record().source() != recorded.source()
                || !again.record().validationHash().equals(recorded.validationHash())
                || !again.record().trainHash().equals(recorded.trainHash())) {
            throw new BadInputException("Dataset '" + trainFile.name() + "' does not give the split the model was "
                    + "trained with (" + recorded.source() + " rows then, " + again.record().source() + " now): "
                    + "evaluate on the dataset it was trained on, or use --split test");
        }
        return again;
    }

    /** {train rows, validation rows}, each ascending, of {@code count} rows. */
    public static int[][] rows(int count, double validationFraction, long seed) {
        int validationCount = (int) Math.round(count * validationFraction);
        int[] order = SplitMix64.permutation(count, SplitMix64.mix64(seed ^ SPLIT_DOMAIN));
        int[] validation = Arrays.copyOfRange(order, 0, validationCount);
        int[] train = Arrays.copyOfRange(order, validationCount, count);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new int[][] {train, validation};
    }

    /** SHA-256 (hex) of row indices in the given order, each a 4-byte big-endian int. */
    public static String hash(int[] rows) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * rows.length);
            for (int r : rows) {
                buf.putInt(r);
            }
            return HexFormat.of().formatHex(sha.digest(buf.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
