package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainValidationSplitTest {

    /** count 1×1×2 images whose two pixels hold the row number (big-endian), so split rows can be traced back. */
    static ImageDataset indexed(int count) {
        byte[] pixels = new byte[count * 2];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            pixels[2 * i] = (byte) (i >>> 8);
            pixels[2 * i + 1] = (byte) i;
            labels[i] = (byte) (i % 10);
        }
        return new ImageDataset("ix", count, 1, 1, 2, pixels, labels, ClassNames.MNIST);
    }

    static int[] rows(ImageDataset d) {
        int[] rows = new int[d.count()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = ((d.pixels()[2 * i] & 0xFF) << 8) | (d.pixels()[2 * i + 1] & 0xFF);
        }
        return rows;
    }

    @Test
    void sizesAreExact() {
        TrainValidationSplit split = TrainValidationSplit.of(indexed(60000), 1.0 / 6, 42);
        assertThat(split.validation().count()).isEqualTo(10000);
        assertThat(split.train().count()).isEqualTo(50000);
        assertThat(TrainValidationSplit.of(indexed(10), 0.25, 1).validation().count()).isEqualTo(3);
        assertThat(TrainValidationSplit.of(indexed(10), 0.0, 1).validation().count()).isZero();
    }

    @Test
    void disjointCoveringAndSortedAscending() {
        TrainValidationSplit split = TrainValidationSplit.of(indexed(5000), 0.2, 7);
        int[] train = rows(split.train());
        int[] validation = rows(split.validation());
        assertThat(train).isSorted();
        assertThat(validation).isSorted();
        int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(validation)).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 5000).toArray());
        assertThat(split.train().name()).isEqualTo("ix");
        for (int i = 0; i < validation.length; i++) {
            assertThat(split.validation().label(i)).isEqualTo(validation[i] % 10);
        }
    }

    @Test
    void deterministicForASeedAndDifferentAcrossSeeds() {
        ImageDataset full = indexed(5000);
        int[] a = rows(TrainValidationSplit.of(full, 0.1, 123).validation());
        int[] b = rows(TrainValidationSplit.of(full, 0.1, 123).validation());
        int[] c = rows(TrainValidationSplit.of(full, 0.1, 124).validation());
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void validationIsSpreadOverTheWholeSet() {
        int[] validation = rows(TrainValidationSplit.of(indexed(10000), 0.5, 3).validation());
        long firstHalf = Arrays.stream(validation).filter(r -> r < 5000).count();
        // 5000 of 10000 drawn without replacement: sd ≈ 25, so ±200 is a very loose bound.
        assertThat(firstHalf).isBetween(2300L, 2700L);
    }

    @Test
    void fractionOutsideZeroToOneIsBadInput() {
        for (double bad : List.of(-0.1, 1.0, 1.5, Double.NaN)) {
            assertThatThrownBy(() -> TrainValidationSplit.of(indexed(10), bad, 1))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("Validation fraction must be in [0, 1)");
        }
    }
}
