package dev.joulebench.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.event.RunEvent;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    @Test
    void fractionIsDoneOverTotalClampedAndUnknownWithoutTotal() {
        assertThat(RunProgress.of(new RunEvent.Progress("r", 1, "train", 25, 100, "epoch 1/2")).fraction())
                .isEqualTo(0.25);
        assertThat(RunProgress.of(new RunEvent.Progress("r", 1, "train", 150, 100, "")).fraction()).isEqualTo(1.0);
        assertThat(RunProgress.of(new RunEvent.Progress("r", 1, "eval", 3, 0, null)).fraction()).isEqualTo(-1);
    }

    @Test
    void textIsTheJobsMessageElsePhaseAndCounts() {
        assertThat(RunProgress.of(new RunEvent.Progress("r", 1, "train", 25, 100, "epoch 1/2")).text())
                .isEqualTo("epoch 1/2");
        assertThat(RunProgress.of(new RunEvent.Progress("r", 1, "train", 25, 100, " ")).text())
                .isEqualTo("train 25/100");
    }
}
