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

    @Override
    default void close() {}
}
