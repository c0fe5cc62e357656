package dev.joulebench.compress.rmtkd;

import java.util.Arrays;
import java.util.SplittableRandom;

/** The seeded share of the training split whose activations a cut reads. */
public final class CalibrationSet {
    private CalibrationSet() {}

    /** How many rows a share of {@code count} is: {@code round(fraction * count)}, at least 1. */
    public static int size(int count, double fraction) {
        return (int) Math.max(1, Math.min(count, Math.round(fraction * count)));
    }

    /**
     * {@link #size} distinct rows of {@code 0 .. count-1}, drawn without replacement by a partial Fisher-Yates
     * shuffle seeded with {@code seed}, ascending.
     */
    public static int[] rows(int count, double fraction, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the training split is empty");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        int n = size(count, fraction);
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(count - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] rows = Arrays.copyOf(all, n);
        Arrays.sort(rows);
        return rows;
    }
}
