package dev.joulebench.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PyTorch's thread count is process-wide: a run's scope must hand it back when the run ends. */
class TorchEngineTest {

    @Test
    void threadCountIsBackToThePreviousValueAfterTheScope() {
        int before = TorchEngine.threads();
        // an outer scope makes the previous value one the inner scope surely changes, whatever the machine
        try (TorchEngine.Scope outer = TorchEngine.configure(1, 3)) {
            assertThat(TorchEngine.threads()).isEqualTo(3);
            try (TorchEngine.Scope inner = TorchEngine.configure(1, 1)) {
                assertThat(inner.threads()).isEqualTo(1);
                assertThat(TorchEngine.threads()).isEqualTo(1);
            }
            assertThat(TorchEngine.threads()).isEqualTo(3);
        }
        assertThat(TorchEngine.threads()).isEqualTo(before);
    }

    @Test
    void overlappingRunsClosingOutOfOrderLeaveTheNewestOpenOnesCountThenTheDefault() {
        int before = TorchEngine.threads();
        TorchEngine.Scope first = TorchEngine.configure(1, 2);
        TorchEngine.Scope second = TorchEngine.configure(2, 3);
        assertThat(TorchEngine.threads()).isEqualTo(3);
        first.close(); // the first run ends while the second still runs: the second keeps its count
        assertThat(TorchEngine.threads()).isEqualTo(3);
        second.close();
        assertThat(TorchEngine.threads()).isEqualTo(before);
        second.close(); // closing again changes nothing
        assertThat(TorchEngine.threads()).isEqualTo(before);
    }

    @Test
    void aScopeWithoutThreadsLeavesTheCountAlone() {
        try (TorchEngine.Scope outer = TorchEngine.configure(1, 2)) {
            try (TorchEngine.Scope none = TorchEngine.configure(1, 0)) {
                assertThat(none.threads()).isZero();
                assertThat(none.engine().getEngineName()).isEqualTo(TorchEngine.NAME);
                assertThat(TorchEngine.threads()).isEqualTo(2);
            }
            assertThat(TorchEngine.threads()).isEqualTo(2);
        }
    }

    @Test
    void theDefaultIsTheEnginesOwnCountBeforeAnyChange() {
        int before = TorchEngine.threads();
        try (TorchEngine.Scope s = TorchEngine.configure(1, 1)) {
            assertThat(TorchEngine.defaultThreads()).isNotEqualTo(0);
        }
        assertThat(TorchEngine.defaultThreads()).isEqualTo(before);
    }
}
