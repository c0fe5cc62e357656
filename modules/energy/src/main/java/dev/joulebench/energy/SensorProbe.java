package dev.joulebench.energy;

/**
 * The outcome of looking for one sensor: found (with the sensor, ready to read) or not found (with
 * the reason a user can act on, e.g. "energy_uj is readable by root only since 2020: sudo chmod o+r ...").
 *
 * @param name   e.g. "RAPL package-0", "NVML gpu0", "CPU load model"
 * @param sensor null when not available
 */
public record SensorProbe(String name, SourceKind kind, boolean available, Method method, String detail,
                          PowerSensor sensor) {
    public static SensorProbe found(String name, PowerSensor sensor, String detail) {
        return new SensorProbe(name, sensor.kind(), true, sensor.method(), detail, sensor);
    }

    public static SensorProbe missing(String name, SourceKind kind, Method method, String reason) {
        return new SensorProbe(name, kind, false, method, reason, null);
    }
}
