package dev.joulebench.testkit.energy;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SourceKind;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * A sensor of known, constant power, so a run's energy has a closed form: watts × seconds. As a
 * {@link Method#MEASURED_COUNTER} sensor it also reports the counter watts × (clock − clock at
 * open), on the clock it is given (a {@code ManualClock} makes that exact). It honours the
 * {@link PowerSensorContract}, so tests using it exercise the same paths a real sensor does.
 */
public final class ConstantPowerSensor implements PowerSensor {
    private final String id;
    private final SourceKind kind;
    private final Method method;
    private final double watts;
    private final DoubleSupplier seconds;
    private final double origin;
    private volatile boolean closed;

    /**
     * @param seconds a monotonic clock in seconds, read at each read for the counter
     */
    public ConstantPowerSensor(String id, SourceKind kind, Method method, double watts, DoubleSupplier seconds) {
        if (!(watts >= 0 && Double.isFinite(watts))) {
            throw new IllegalArgumentException("watts must be finite and >= 0, got " + watts);
        }
        this.id = id;
        this.kind = kind;
        this.method = method;
        this.watts = watts;
        this.seconds = seconds;
        this.origin = seconds.getAsDouble();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public String description() {
        return "constant " + watts + " W (test sensor, " + method.summary() + ")";
    }

    /** The watts are a figure of their own, not derived from the counter. */
    @Override
    public boolean wattsIndependentOfCounter() {
        return true;
    }

    @Override
    public PowerReading read() throws SensorException {
        if (closed) {
            throw new SensorException(id + ": the constant test sensor is closed");
        }
        double joules = method == Method.MEASURED_COUNTER ? watts * (seconds.getAsDouble() - origin) : Double.NaN;
        return new PowerReading(watts, joules, Map.of());
    }

    @Override
    public void close() {
        closed = true;
    }
}
