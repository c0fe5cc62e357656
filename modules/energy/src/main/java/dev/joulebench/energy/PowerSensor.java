package dev.joulebench.energy;

/**
 * One power source of the machine (a CPU package set, the RAM, one GPU). Reads are called from
 * the sampler's single thread; implementations need not be thread-safe but must be cheap (they
 * run at 10 Hz).
 */
public interface PowerSensor extends AutoCloseable {
    /** Column name in power.csv: {@code cpu}, {@code ram}, {@code gpu0}, {@code gpu1}, ... */
    String id();

    SourceKind kind();

    Method method();

    /** Where the number comes from, e.g. "RAPL package-0 energy_uj via /sys/class/powercap/intel-rapl:0". */
    String description();

    PowerReading read() throws SensorException;

    /** The device's own name where the sensor knows it (e.g. "NVIDIA H100 80GB HBM3"), else null. */
    default String hardwareName() {
        return null;
    }

    /**
     * Whether {@link PowerReading#watts()} is a reading of its own rather than derived from this
     * sensor's energy counter (as RAPL's and NVML's counter-only watts are). Only independent watts
     * make the counter-vs-integral gap a cross-check; the default, false, claims nothing.
     */
    default boolean wattsIndependentOfCounter() {
        return false;
    }

    /** Releases what the sensor holds; idempotent. A read after close throws {@link SensorException}. */
    @Override
    default void close() {}
}
