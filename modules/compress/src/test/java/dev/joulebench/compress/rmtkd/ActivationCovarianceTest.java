package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ActivationCovarianceTest {
    /** Four samples of three features, the third always 0 (a dead ReLU unit), by hand. */
    static final float[] X = {
        1, 2, 0,
        3, 2, 0,
        1, 6, 0,
        3, 6, 0};

    @Test
    void centredCovarianceByHand() {
        ActivationCovariance c = ActivationCovariance.of(X, 4, 3, true);
        assertThat(c.mean()).containsExactly(2.0, 4.0, 0.0);
        assertThat(c.degreesOfFreedom()).isEqualTo(3);
        // deviations (-1,-2), (1,-2), (-1,2), (1,2): sums of products 4, 0, 16, over 3
        assertThat(c.covariance()[0]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(c.covariance()[1]).isCloseTo(0.0, within(1e-12));
        assertThat(c.covariance()[4]).isCloseTo(16.0 / 3, within(1e-12));
        assertThat(c.covariance()[8]).isZero();
        assertThat(c.deadFeatures()).containsExactly(2);
        assertThat(c.liveFeatures()).isEqualTo(2);
    }

    @Test
    void uncentredSecondMomentByHand() {
        ActivationCovariance c = ActivationCovariance.of(X, 4, 3, false);
        assertThat(c.degreesOfFreedom()).isEqualTo(4);
        assertThat(c.covariance()[0]).isCloseTo((1 + 9 + 1 + 9) / 4.0, within(1e-12));
        assertThat(c.covariance()[1]).isCloseTo((2 + 6 + 6 + 18) / 4.0, within(1e-12));
        assertThat(c.covariance()[3]).isEqualTo(c.covariance()[1]);
        assertThat(c.deadFeatures()).containsExactly(2);
    }

    @Test
    void aConstantNonZeroUnitIsDeadOnlyWhenCentred() {
        float[] x = {1, 5, 2, 5, 4, 5};
        assertThat(ActivationCovariance.of(x, 3, 2, true).deadFeatures()).containsExactly(1);
        assertThat(ActivationCovariance.of(x, 3, 2, false).deadFeatures()).isEmpty();
    }

    @Test
    void tooFewSamplesAndNonFiniteValuesAreRefused() {
        assertThatThrownBy(() -> ActivationCovariance.of(new float[4], 2, 2, true)).hasMessageContaining("3 samples");
        float[] x = new float[6];
        x[4] = Float.NaN;
        assertThatThrownBy(() -> ActivationCovariance.of(x, 3, 2, true)).hasMessageContaining("NaN");
    }
}
