package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShuffledBatchesTest {

    private static int[] flatten(List<int[]> batches) {
        return batches.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @Test
    void everyIndexExactlyOncePerEpoch() {
        ShuffledBatches batches = new ShuffledBatches(1003, 64, 9, false);
        for (int epoch = 0; epoch < 3; epoch++) {
            List<int[]> e = batches.epoch(epoch);
            assertThat(e).hasSize(16);
            assertThat(batches.batchesPerEpoch()).isEqualTo(16);
            assertThat(e.get(15)).hasSize(1003 - 15 * 64);
            int[] seen = new int[1003];
            for (int index : flatten(e)) {
                seen[index]++;
            }
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void sameSeedSameOrderDifferentEpochDifferentOrder() {
        ShuffledBatches a = new ShuffledBatches(500, 32, 42, false);
        ShuffledBatches b = new ShuffledBatches(500, 32, 42, false);
        assertThat(flatten(a.epoch(3))).isEqualTo(flatten(b.epoch(3)));
        // epoch order is a function of (seed, epoch) alone: drawing other epochs first changes nothing
        b.epoch(0);
        b.epoch(7);
        assertThat(flatten(b.epoch(3))).isEqualTo(flatten(a.epoch(3)));
        assertThat(flatten(a.epoch(0))).isNotEqualTo(flatten(a.epoch(1)));
        assertThat(flatten(new ShuffledBatches(500, 32, 43, false).epoch(3))).isNotEqualTo(flatten(a.epoch(3)));
    }

    @Test
    void isActuallyShuffled() {
        int[] order = flatten(new ShuffledBatches(1000, 100, 1, false).epoch(0));
        int fixedPoints = 0;
        for (int i = 0; i < order.length; i++) {
            if (order[i] == i) {
                fixedPoints++;
            }
        }
        // a uniform permutation has on average one fixed point
        assertThat(fixedPoints).isLessThan(10);
    }

    @Test
    void dropLastDropsTheShortBatch() {
        ShuffledBatches batches = new ShuffledBatches(130, 32, 5, true);
        assertThat(batches.batchesPerEpoch()).isEqualTo(4);
        List<int[]> e = batches.epoch(0);
        assertThat(e).hasSize(4).allSatisfy(batch -> assertThat(batch).hasSize(32));
        assertThat(flatten(e)).doesNotHaveDuplicates();
        assertThat(new ShuffledBatches(128, 32, 5, true).batchesPerEpoch()).isEqualTo(4);
        assertThat(new ShuffledBatches(10, 32, 5, true).epoch(0)).isEmpty();
    }

    @Test
    void sequentialIsInOrder() {
        List<int[]> batches = ShuffledBatches.sequential(7, 3);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).containsExactly(0, 1, 2);
        assertThat(batches.get(1)).containsExactly(3, 4, 5);
        assertThat(batches.get(2)).containsExactly(6);
        assertThat(ShuffledBatches.sequential(0, 3)).isEmpty();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ShuffledBatches(10, 0, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShuffledBatches(-1, 4, 1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShuffledBatches.sequential(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
