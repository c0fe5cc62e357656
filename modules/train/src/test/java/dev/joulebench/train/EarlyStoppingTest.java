package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutStrictImprovement() {
        EarlyStopping s = new EarlyStopping(2);
        assertThat(s.update(0, 0.80)).isTrue();
        assertThat(s.update(1, 0.85)).isTrue();
        assertThat(s.update(2, 0.85)).isFalse(); // equal is not better
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.update(3, 0.84)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(1);
        assertThat(s.best()).isEqualTo(0.85);
    }

    @Test
    void improvementResetsPatience() {
        EarlyStopping s = new EarlyStopping(2);
        s.update(0, 0.5);
        s.update(1, 0.4);
        s.update(2, 0.6);
        s.update(3, 0.55);
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestEpoch()).isEqualTo(2);
    }

    @Test
    void patienceZeroNeverStopsButTracksTheBest() {
        EarlyStopping s = new EarlyStopping(0);
        for (int e = 0; e < 10; e++) {
            s.update(e, e == 3 ? 0.9 : 0.1);
        }
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.bestEpoch()).isEqualTo(3);
    }
}
