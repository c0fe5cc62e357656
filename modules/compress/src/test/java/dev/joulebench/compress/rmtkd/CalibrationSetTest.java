package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalibrationSetTest {
    @Test
    void aSeededShareOfDistinctRowsInAscendingOrder() {
        int[] rows = CalibrationSet.rows(50_000, 0.1, 42);
        assertThat(rows).hasSize(5000);
        assertThat(Arrays.stream(rows).distinct().count()).isEqualTo(5000);
        assertThat(rows).isSorted();
        assertThat(rows[0]).isGreaterThanOrEqualTo(0);
        assertThat(rows[rows.length - 1]).isLessThan(50_000);
        assertThat(CalibrationSet.rows(50_000, 0.1, 42)).isEqualTo(rows);
        assertThat(CalibrationSet.rows(50_000, 0.1, 43)).isNotEqualTo(rows);
        // spread over the whole split, not a prefix: about a tenth of each half
        long firstHalf = Arrays.stream(rows).filter(r -> r < 25_000).count();
        assertThat(firstHalf).isBetween(2300L, 2700L);
        assertThat(CalibrationSet.rows(7, 1.0, 1)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(CalibrationSet.size(8333, 0.1)).isEqualTo(833);
    }

    @Test
    void anEmptySplitOrAShareOutsideTheUnitIntervalIsRefused() {
        assertThatThrownBy(() -> CalibrationSet.rows(0, 0.1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> CalibrationSet.rows(10, 0.0, 1)).hasMessageContaining("fraction");
    }
}
