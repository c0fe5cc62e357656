package dev.joulebench.energy.nvml;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SourceKind;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One NVIDIA GPU through NVML; its id is {@code gpuK} where K is the CUDA device index (see
 * {@link CudaDeviceOrder}).
 *
 * <p>Each reading carries both figures NVML offers, because they can disagree and the report shows
 * the gap: {@code watts} from {@code nvmlDeviceGetPowerUsage} (mW / 1000; the sampler integrates
 * them) and {@code joules} from the total-energy counter {@code nvmlDeviceGetTotalEnergyConsumption}
 * (Volta and newer; mJ / 1000, counted from when this sensor was opened). The method is
 * {@link Method#MEASURED_COUNTER} when the counter works, else {@link Method#MEASURED_POWER}. A GPU
 * whose counter works but whose power reading does not reports the counter's average power since
 * the previous read as watts.
 *
 * <p>Extras: {@code utilization_percent}, {@code memory_used_bytes}, {@code temperature_c},
 * {@code sm_clock_mhz}. Every field is tried once when the sensor opens; one that fails (missing
 * function in an older driver, {@code NVML_ERROR_NOT_SUPPORTED}, ...) is switched off with its
 * reason in {@link #unavailableFields()} and in {@link #description()}, and the others go on.
 * Once open, a failing power or counter read throws {@link SensorException} (the sampler records a
 * gap); a failing extra is left out of that reading only.
 *
 * <p>Cost per read, measured on an H100 with driver 580: the energy counter call takes about 4 ms
 * (NVML's own time), every other call a few microseconds.
 *
 * <p>Not thread-safe apart from {@link #close()}, which releases this sensor's reference on the
 * shared NVML session (the last one shuts NVML down); reads after close throw.
 */
public final class NvmlGpuSensor implements PowerSensor {
    static final String POWER = "power";
    static final String ENERGY_COUNTER = "energy_counter";
    static final String UTILIZATION = "utilization_percent";
    static final String MEMORY = "memory_used_bytes";
    static final String TEMPERATURE = "temperature_c";
    static final String SM_CLOCK = "sm_clock_mhz";

    private final NvmlSession session;
    private final NvmlLibrary lib;
    private final Pointer handle;
    private final NvmlGpus.Gpu gpu;
    private final String id;
    private final String description;
    private final LongSupplier nanoClock;
    private final Map<String, String> unavailable;
    private final boolean hasPower;
    private final boolean hasCounter;
    private final boolean hasUtilization;
    private final boolean hasMemory;
    private final boolean hasTemperature;
    private final boolean hasSmClock;

    private final IntByReference intRef = new IntByReference();
    private final LongByReference longRef = new LongByReference();
    private final NvmlLibrary.Utilization utilization = new NvmlLibrary.Utilization();
    private final NvmlLibrary.Memory memory = new NvmlLibrary.Memory();

    /** Counter value at open, in mJ; the counter runs since driver load. */
    private long counterOriginMj;
    /** Counter value at the previous read, to catch a reset (driver reload). */
    private long counterLastMj;
    /** mJ counted before a counter reset. */
    private long counterCarriedMj;
    private double lastJoules = Double.NaN;
    private long lastNanos;
    private volatile boolean closed;

    private NvmlGpuSensor(NvmlSession session, NvmlDevice device, int cudaIndex, String cudaRule, LongSupplier nanoClock,
                          Map<String, String> unavailable, long counterOriginMj) {
        this.session = session;
        this.lib = session.library();
        this.handle = device.handle;
        this.id = "gpu" + cudaIndex;
        this.nanoClock = nanoClock;
        this.unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
        this.hasPower = !unavailable.containsKey(POWER);
        this.hasCounter = !unavailable.containsKey(ENERGY_COUNTER);
        this.hasUtilization = !unavailable.containsKey(UTILIZATION);
        this.hasMemory = !unavailable.containsKey(MEMORY);
        this.hasTemperature = !unavailable.containsKey(TEMPERATURE);
        this.hasSmClock = !unavailable.containsKey(SM_CLOCK);
        this.counterOriginMj = counterOriginMj;
        this.counterLastMj = counterOriginMj;
        this.gpu = new NvmlGpus.Gpu(device.nvmlIndex, cudaIndex, device.name, device.uuid, device.pciBusId,
                device.powerLimitMilliwatts >= 0 ? device.powerLimitMilliwatts / 1000.0 : Double.NaN,
                device.ccMajor >= 0 ? device.ccMajor + "." + device.ccMinor : null, device.unavailable);
        this.description = describe(device, cudaIndex, cudaRule);
    }

    /**
     * Tries every field once and opens the sensor, taking a reference on {@code session}.
     *
     * @throws NvmlUnavailableException when the GPU has neither a power reading nor an energy counter
     */
    static NvmlGpuSensor open(NvmlSession session, NvmlDevice device, int cudaIndex, String cudaRule,
                              LongSupplier nanoClock) throws NvmlUnavailableException {
        NvmlLibrary lib = session.library();
        Pointer h = device.handle;
        Map<String, String> unavailable = new LinkedHashMap<>();

        IntByReference i = new IntByReference();
        int rc = session.call("nvmlDeviceGetPowerUsage", () -> lib.nvmlDeviceGetPowerUsage(h, i));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            unavailable.put(POWER, session.describe("nvmlDeviceGetPowerUsage", rc));
        }
        LongByReference l = new LongByReference();
        rc = session.call("nvmlDeviceGetTotalEnergyConsumption", () -> lib.nvmlDeviceGetTotalEnergyConsumption(h, l));
        long origin = 0;
        if (rc == NvmlLibrary.NVML_SUCCESS) {
            origin = l.getValue();
        } else {
            String why = session.describe("nvmlDeviceGetTotalEnergyConsumption", rc);
            unavailable.put(ENERGY_COUNTER, rc == NvmlLibrary.NVML_ERROR_NOT_SUPPORTED
                    ? why + "; the counter needs a Volta or newer GPU" : why);
        }
        if (unavailable.containsKey(POWER) && unavailable.containsKey(ENERGY_COUNTER)) {
            throw new NvmlUnavailableException("neither power nor energy can be read: "
                    + unavailable.get(POWER) + "; " + unavailable.get(ENERGY_COUNTER));
        }
        NvmlLibrary.Utilization u = new NvmlLibrary.Utilization();
        rc = session.call("nvmlDeviceGetUtilizationRates", () -> lib.nvmlDeviceGetUtilizationRates(h, u));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            unavailable.put(UTILIZATION, session.describe("nvmlDeviceGetUtilizationRates", rc));
        }
        NvmlLibrary.Memory m = new NvmlLibrary.Memory();
        rc = session.call("nvmlDeviceGetMemoryInfo", () -> lib.nvmlDeviceGetMemoryInfo(h, m));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            unavailable.put(MEMORY, session.describe("nvmlDeviceGetMemoryInfo", rc));
        }
        rc = session.call("nvmlDeviceGetTemperature",
                () -> lib.nvmlDeviceGetTemperature(h, NvmlLibrary.NVML_TEMPERATURE_GPU, i));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            unavailable.put(TEMPERATURE, session.describe("nvmlDeviceGetTemperature", rc));
        }
        rc = session.call("nvmlDeviceGetClockInfo", () -> lib.nvmlDeviceGetClockInfo(h, NvmlLibrary.NVML_CLOCK_SM, i));
        if (rc != NvmlLibrary.NVML_SUCCESS) {
            unavailable.put(SM_CLOCK, session.describe("nvmlDeviceGetClockInfo", rc));
        }
        session.retain();
        NvmlGpuSensor sensor = new NvmlGpuSensor(session, device, cudaIndex, cudaRule, nanoClock, unavailable, origin);
        sensor.lastNanos = nanoClock.getAsLong();
        sensor.lastJoules = sensor.hasCounter ? 0.0 : Double.NaN;
        return sensor;
    }

    private String describe(NvmlDevice device, int cudaIndex, String cudaRule) {
        String name = device.name == null ? "NVIDIA GPU" : device.name.startsWith("NVIDIA") ? device.name
                : "NVIDIA " + device.name;
        StringBuilder b = new StringBuilder(name).append(" via NVML ");
        if (hasCounter && hasPower) {
            b.append("nvmlDeviceGetTotalEnergyConsumption (mJ) and nvmlDeviceGetPowerUsage (mW)");
        } else if (hasCounter) {
            b.append("nvmlDeviceGetTotalEnergyConsumption (mJ; power = counter average)");
        } else {
            b.append("nvmlDeviceGetPowerUsage (mW, integrated)");
        }
        b.append("; CUDA device ").append(cudaIndex).append(" = ").append(device.identity())
                .append(" [").append(cudaRule).append(']');
        b.append("; ").append(unavailableText(unavailable));
        return b.toString();
    }

    /** "all fields available" or "unavailable: field (reason), ...". */
    static String unavailableText(Map<String, String> unavailable) {
        if (unavailable.isEmpty()) {
            return "all fields available";
        }
        StringBuilder b = new StringBuilder("unavailable: ");
        boolean first = true;
        for (Map.Entry<String, String> e : unavailable.entrySet()) {
            if (!first) {
                b.append("; ");
            }
            first = false;
            b.append(e.getKey()).append(" (").append(e.getValue()).append(')');
        }
        return b.toString();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.GPU;
    }

    @Override
    public Method method() {
        return hasCounter ? Method.MEASURED_COUNTER : Method.MEASURED_POWER;
    }

    /** nvmlDeviceGetPowerUsage is a reading of its own; without it the watts are the counter's average. */
    @Override
    public boolean wattsIndependentOfCounter() {
        return hasPower && hasCounter;
    }

    @Override
    public String hardwareName() {
        return gpu.name();
    }

    @Override
    public String description() {
        return description;
    }

    /** Field name ({@code power}, {@code energy_counter} or an extra's key) to why it is off. */
    public Map<String, String> unavailableFields() {
        return unavailable;
    }

    /** Identity of the GPU behind this sensor, for provenance. */
    public NvmlGpus.Gpu gpu() {
        return gpu;
    }

    @Override
    public PowerReading read() throws SensorException {
        if (closed) {
            throw new SensorException(id + ": NVML sensor is closed");
        }
        long now = nanoClock.getAsLong();
        double joules = Double.NaN;
        if (hasCounter) {
            int rc = session.call("nvmlDeviceGetTotalEnergyConsumption",
                    () -> lib.nvmlDeviceGetTotalEnergyConsumption(handle, longRef));
            if (rc != NvmlLibrary.NVML_SUCCESS) {
                throw failure("nvmlDeviceGetTotalEnergyConsumption", rc);
            }
            long raw = longRef.getValue();
            if (Long.compareUnsigned(raw, counterLastMj) < 0) {
                // The counter restarted (driver reloaded): keep what was counted, count on from zero.
                counterCarriedMj += counterLastMj - counterOriginMj;
                counterOriginMj = 0;
            }
            counterLastMj = raw;
            joules = (counterCarriedMj + (raw - counterOriginMj)) / 1000.0;
        }
        double watts;
        if (hasPower) {
            int rc = session.call("nvmlDeviceGetPowerUsage", () -> lib.nvmlDeviceGetPowerUsage(handle, intRef));
            if (rc != NvmlLibrary.NVML_SUCCESS) {
                throw failure("nvmlDeviceGetPowerUsage", rc);
            }
            watts = NvmlSession.unsigned(intRef.getValue()) / 1000.0;
        } else {
            double seconds = (now - lastNanos) / 1e9;
            watts = seconds > 0 && Double.isFinite(lastJoules) ? (joules - lastJoules) / seconds : Double.NaN;
        }
        if (hasCounter) {
            lastJoules = joules;
        }
        lastNanos = now;

        Map<String, Double> extras = new HashMap<>(8);
        if (hasUtilization && ok(session.call("nvmlDeviceGetUtilizationRates",
                () -> lib.nvmlDeviceGetUtilizationRates(handle, utilization)))) {
            extras.put(UTILIZATION, (double) NvmlSession.unsigned(utilization.gpu));
        }
        if (hasMemory && ok(session.call("nvmlDeviceGetMemoryInfo", () -> lib.nvmlDeviceGetMemoryInfo(handle, memory)))) {
            extras.put(MEMORY, NvmlSession.unsigned(memory.used));
        }
        if (hasTemperature && ok(session.call("nvmlDeviceGetTemperature",
                () -> lib.nvmlDeviceGetTemperature(handle, NvmlLibrary.NVML_TEMPERATURE_GPU, intRef)))) {
            extras.put(TEMPERATURE, (double) NvmlSession.unsigned(intRef.getValue()));
        }
        if (hasSmClock && ok(session.call("nvmlDeviceGetClockInfo",
                () -> lib.nvmlDeviceGetClockInfo(handle, NvmlLibrary.NVML_CLOCK_SM, intRef)))) {
            extras.put(SM_CLOCK, (double) NvmlSession.unsigned(intRef.getValue()));
        }
        return new PowerReading(watts, joules, extras);
    }

    private static boolean ok(int rc) {
        return rc == NvmlLibrary.NVML_SUCCESS;
    }

    private SensorException failure(String function, int rc) {
        return new SensorException(id + " (" + gpu.name() + "): " + session.describe(function, rc));
    }

    /** Releases this sensor's NVML reference once; the last sensor closed shuts NVML down. */
    @Override
    public void close() {
        boolean release;
        synchronized (this) {
            release = !closed;
            closed = true;
        }
        if (release) {
            session.release();
        }
    }
}
