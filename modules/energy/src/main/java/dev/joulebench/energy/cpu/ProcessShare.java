package dev.joulebench.energy.cpu;

import java.util.function.LongSupplier;

/**
 * This process's share of the machine's CPU in an interval, for process tracking (as CodeCarbon):
 *
 * <pre>
 *   share = (process CPU time in the interval) / (total CPU time of all cores in the interval)
 * </pre>
 *
 * clamped to [0, 1]. The numerator is the process's user + system CPU time of all its threads
 * (from the JVM); the denominator is the change of {@link ProcStat#total()} (busy and idle time of
 * every core, steal included) converted from clock ticks to nanoseconds. So a process that keeps
 * one of eight cores busy has share 1/8 whatever the other cores do. The two clocks differ in
 * resolution (nanoseconds against 10 ms ticks), which is why the value can overshoot and is clamped.
 */
public final class ProcessShare {
    private final LongSupplier processCpuNanos;
    private long prevProcessNanos;
    private long prevTotalNanos;
    private double last;

    /**
     * @param processCpuNanos CPU time used by this process so far, in nanoseconds
     * @param baseline        machine CPU times at the start of the first interval
     */
    public ProcessShare(LongSupplier processCpuNanos, ProcStat baseline) {
        this.processCpuNanos = processCpuNanos;
        this.prevProcessNanos = processCpuNanos.getAsLong();
        this.prevTotalNanos = baseline.totalNanos();
    }

    /** The share formula, clamped to [0, 1]; 0 when no machine time passed. */
    public static double of(long processNanosDelta, long allCoresNanosDelta) {
        if (allCoresNanosDelta <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, (double) processNanosDelta / allCoresNanosDelta));
    }

    /**
     * The share for the interval since the previous call (or since construction), ending at
     * {@code now}. When no clock tick passed in between, the previous interval's share is kept
     * (0 before any), as the kernel's counters cannot tell.
     */
    public double advance(ProcStat now) {
        long p = processCpuNanos.getAsLong();
        long t = now.totalNanos();
        long dt = t - prevTotalNanos;
        if (dt > 0) {
            last = of(p - prevProcessNanos, dt);
            prevProcessNanos = p;
            prevTotalNanos = t;
        }
        return last;
    }
}
