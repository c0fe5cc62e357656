package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadModelTest {
    @Test
    void closedForm() {
        assertThat(LoadModel.watts(200, 0)).isCloseTo(20, within(1e-12));
        assertThat(LoadModel.watts(200, 1)).isCloseTo(200, within(1e-12));
        assertThat(LoadModel.watts(200, 0.5)).isCloseTo(200 * (0.1 + 0.9 / 8), within(1e-12));
    }

    @Test
    void loadIsClamped() {
        assertThat(LoadModel.watts(100, -0.5)).isCloseTo(10, within(1e-12));
        assertThat(LoadModel.watts(100, 1.7)).isCloseTo(100, within(1e-12));
    }
}
