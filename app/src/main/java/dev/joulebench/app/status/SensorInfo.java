package dev.joulebench.app.status;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.Sensors;
import dev.joulebench.energy.TrackingMode;
import java.util.List;

/** A power sensor in use, as the status bar names it: id, measured or estimated, and how. */
public record SensorInfo(String id, String method, String description) {

    /** Probes this machine's sensors the way a run's energy meter does, then closes them. */
    public static List<SensorInfo> probeSystem() {
        try (Sensors sensors = Sensors.discover(SensorEnvironment.system(TrackingMode.MACHINE, null))) {
            return sensors.selected().stream().map(SensorInfo::of).toList();
        }
    }

    static SensorInfo of(PowerSensor s) {
        return new SensorInfo(s.id(), s.method().label(), s.description());
    }
}
