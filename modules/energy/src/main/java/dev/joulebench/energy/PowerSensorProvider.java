package dev.joulebench.energy;

import java.util.List;

/**
 * Looks for the sensors of one technology (RAPL, NVML, the CPU load model, the RAM model).
 * Found through {@link java.util.ServiceLoader}; a provider never throws for a missing library or
 * file: it returns probes that say what is missing and why.
 */
public interface PowerSensorProvider {
    String name();

    List<SensorProbe> probe(SensorEnvironment env);
}
