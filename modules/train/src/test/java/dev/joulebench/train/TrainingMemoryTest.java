package dev.joulebench.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.MemoryEstimate;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.ModelSpec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The estimate against its closed form, part by part. */
class TrainingMemoryTest {
    private static final DataShape FASHION = new DataShape("fashion-mnist", 1, 28, 28,
            IntStream.range(0, 10).mapToObj(String::valueOf).toList(), 60_000, 10_000);

    @Test
    void mlpWithAdamPartByPart() {
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("d").model("mlp:784-100-10").batchSize(32).build();
        MemoryEstimate e = TrainingMemory.of(spec, ModelSpec.parse("mlp:784-100-10"), FASHION, 50_000);
        long params = 784 * 100 + 100 + 100 * 10 + 10; // 79,510
        long perSample = 784 + 2 * 100 + 2 * 10; // input, each layer's output and activation
        assertThat(e.compute()).containsExactly(
                java.util.Map.entry("parameters", 4 * params),
                java.util.Map.entry("gradients", 4 * params),
                java.util.Map.entry("Adam state", 8 * params),
                // evaluation's forward pass at 256 rows exceeds training's two passes at 32
                java.util.Map.entry("activations at batch 32", Math.max(32 * perSample * 4 * 2, 256 * perSample * 4)));
        assertThat(e.heap()).containsExactly(
                java.util.Map.entry("dataset", 70_000L * 785 + 60_000L * 785),
                java.util.Map.entry("batch buffer", 256L * 785 * 4));
    }

    @Test
    void sgdKeepsOneBufferAndTheBatchIsCappedAtTheTrainingRows() {
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("d").model("mlp:784-100-10").optimizer("sgd")
                .batchSize(100_000_000).build();
        MemoryEstimate e = TrainingMemory.of(spec, ModelSpec.parse("mlp:784-100-10"), FASHION, 1000);
        assertThat(e.compute()).containsEntry("SGD state", 4L * 79_510)
                .containsEntry("activations at batch 1000", 1000L * 1004 * 4 * 2);
    }

    @Test
    void cnnCountsConvMapsAtFullSizeAndPooled() {
        // 1x28x28 -> c8 (8x28x28, pooled 8x14x14) -> d16 -> 10
        long perSample = 784 + (2L * 8 * 28 * 28 + 8 * 14 * 14) + 2 * 16 + 10;
        assertThat(TrainingMemory.activationsPerSample(ModelSpec.parse("cnn:1x28x28-c8-d16-10"))).isEqualTo(perSample);
    }

    @Test
    void anAbsurdModelSaturatesRatherThanOverflows() {
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("d").model("m").batchSize(2_000_000_000).build();
        ModelSpec huge = ModelSpec.parse("mlp:784-2000000000-2000000000-10");
        MemoryEstimate e = TrainingMemory.of(spec, huge, FASHION, 2_000_000_000L);
        assertThat(e.computeBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(List.copyOf(e.compute().values())).allSatisfy(v -> assertThat(v).isPositive());
    }
}
