package dev.joulebench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Seeded shuffled mini-batches. The order for epoch e depends only on (seed, e), not on how many
 * epochs were drawn before, so a resumed or compared run sees exactly the same batches.
 */
public final class ShuffledBatches {
    private final int count;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    public ShuffledBatches(int count, int batchSize, long seed, boolean dropLast) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.count = count;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    public int count() {
        return count;
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return dropLast ? count / batchSize : (count + batchSize - 1) / batchSize;
    }

    /** The index batches of one epoch; the last may be short unless dropLast. */
    public List<int[]> epoch(int epoch) {
        long epochSeed = SplitMix64.mix64(SplitMix64.mix64(seed) + epoch);
        int[] order = SplitMix64.permutation(count, epochSeed);
        return slice(order, batchSize, batchesPerEpoch());
    }

    /** Batches in index order: evaluation needs no shuffling and keeps outputs aligned with rows. */
    public static List<int[]> sequential(int count, int batchSize) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        return slice(order, batchSize, (count + batchSize - 1) / batchSize);
    }

    private static List<int[]> slice(int[] order, int batchSize, int batches) {
        List<int[]> result = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            result.add(Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length)));
        }
        return Collections.unmodifiableList(result);
    }
}
