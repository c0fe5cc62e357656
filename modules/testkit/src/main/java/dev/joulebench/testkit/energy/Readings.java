package dev.joulebench.testkit.energy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import java.util.Map;

/**
 * What every reading of every {@link PowerSensor} must satisfy, shared by both contract suites:
 * the sampler, the ledger and power.csv rely on it (a negative or infinite figure would become
 * negative energy or an unparsable cell, and a counter sensor without joules has no column value).
 */
public final class Readings {
    private Readings() {}

    /**
     * One read: a reading that passes {@link #check}, or null when the read failed as the contract
     * allows, with a {@link SensorException} that says why. Any other exception fails the test.
     */
    public static PowerReading readOrFail(PowerSensor sensor) {
        try {
            PowerReading r = sensor.read();
            assertThat(r).as("%s: read() returned null instead of a reading or a SensorException", sensor.id())
                    .isNotNull();
            check(sensor, r);
            return r;
        } catch (SensorException e) {
            assertThat(e.getMessage()).as("%s: a SensorException must say why the read failed", sensor.id())
                    .isNotBlank();
            return null;
        }
    }

    /** Finite non-negative figures or NaN; joules exactly for counter sensors; finite extras. */
    public static void check(PowerSensor sensor, PowerReading r) {
        String id = sensor.id();
        assertThat(Double.isNaN(r.watts()) || (Double.isFinite(r.watts()) && r.watts() >= 0))
                .as("%s: watts must be NaN or finite and >= 0, got %s", id, r.watts()).isTrue();
        assertThat(Double.isNaN(r.joules()) || (Double.isFinite(r.joules()) && r.joules() >= 0))
                .as("%s: joules must be NaN or finite and >= 0, got %s", id, r.joules()).isTrue();
        if (sensor.method() == Method.MEASURED_COUNTER) {
            assertThat(r.joules()).as("%s: a counter sensor reports its counter in every good reading", id).isNotNaN();
        } else {
            assertThat(r.joules()).as("%s: only a counter sensor (%s) reports joules", id, Method.MEASURED_COUNTER)
                    .isNaN();
        }
        for (Map.Entry<String, Double> e : r.extras().entrySet()) {
            assertThat(e.getKey()).as("%s: extra names", id).isNotBlank();
            assertThat(Double.isFinite(e.getValue())).as("%s: extra %s must be finite, got %s", id, e.getKey(),
                    e.getValue()).isTrue();
        }
    }
}
