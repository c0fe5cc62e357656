package dev.joulebench.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's peak memory, estimated from its spec before it runs, by part: what lives where the model computes
 * (parameters, gradients, optimizer state, activations at the batch: the GPU's memory on a GPU, else native
 * host memory) and what lives in the Java heap (the dataset). A lower bound in spirit: it counts the tensors
 * the method must hold, not the engine's workspace, so what it refuses would certainly not fit.
 *
 * @param compute bytes by part on the computing device
 * @param heap    bytes by part in the Java heap
 */
public record MemoryEstimate(Map<String, Long> compute, Map<String, Long> heap) {
    public MemoryEstimate {
        // insertion order is the order the message names the parts in
        compute = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(compute));
        heap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(heap));
    }

    public long computeBytes() {
        return sum(compute);
    }

    public long heapBytes() {
        return sum(heap);
    }

    /** "parameters 9.5 GiB + gradients 9.5 GiB + ...", in the order the parts were added. */
    public static String describe(Map<String, Long> parts) {
        return parts.entrySet().stream().map(e -> e.getKey() + " " + MachineResources.bytes(e.getValue()))
                .collect(Collectors.joining(" + "));
    }

    /** Saturating sum: an absurd model is "more than any machine", never a negative number. */
    private static long sum(Map<String, Long> parts) {
        long total = 0;
        for (long v : parts.values()) {
            total = plus(total, v);
        }
        return total;
    }

    /** Collects parts in order, each computed with saturating arithmetic. */
    public static final class Builder {
        private final LinkedHashMap<String, Long> compute = new LinkedHashMap<>();
        private final LinkedHashMap<String, Long> heap = new LinkedHashMap<>();

        public Builder compute(String part, long bytes) {
            compute.merge(part, Math.max(0, bytes), MemoryEstimate::plus);
            return this;
        }

        public Builder heap(String part, long bytes) {
            heap.merge(part, Math.max(0, bytes), MemoryEstimate::plus);
            return this;
        }

        public MemoryEstimate build() {
            return new MemoryEstimate(compute, heap);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** a + b for non-negative sizes, saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long plus(long a, long b) {
        return a >= Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** a × b × ..., saturating at {@link Long#MAX_VALUE} instead of overflowing. */
    public static long times(long... factors) {
        long p = 1;
        for (long f : factors) {
            if (f <= 0) {
                return 0;
            }
            p = p > Long.MAX_VALUE / f ? Long.MAX_VALUE : p * f;
        }
        return p;
    }
}
