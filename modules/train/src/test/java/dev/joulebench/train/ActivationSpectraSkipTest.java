package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A layer whose activations have no spectrum (all ReLUs dead) is skipped with its reason, not a failed run. */
class ActivationSpectraSkipTest {
    @Test
    void deadOrConstantLayersAreSkippedWithTheirNameAndReasonWhileLiveOnesAreAnalysed() {
        List<String> reasons = new ArrayList<>();
        float[] dead = new float[64 * 16];
        assertThat(ActivationSpectraListener.analyze(new TrainableNetwork.Activations("fc1", dead, 64, 16),
                reasons::add)).isEmpty();
        float[] constant = new float[64 * 16];
        java.util.Arrays.fill(constant, 0.5f);
        assertThat(ActivationSpectraListener.analyze(new TrainableNetwork.Activations("fc2", constant, 64, 16),
                reasons::add)).isEmpty();
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).contains("fc1").contains("all zeros");
        assertThat(reasons.get(1)).contains("fc2").contains("constant");

        SplittableRandom r = new SplittableRandom(3);
        float[] live = new float[64 * 16];
        for (int i = 0; i < live.length; i++) {
            live[i] = (float) Math.max(0, r.nextGaussian());
        }
        assertThat(ActivationSpectraListener.analyze(new TrainableNetwork.Activations("fc3", live, 64, 16),
                reasons::add)).isPresent();
        assertThat(reasons).hasSize(2);
    }
}
