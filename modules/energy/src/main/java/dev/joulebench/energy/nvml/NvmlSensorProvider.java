package dev.joulebench.energy.nvml;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * NVIDIA GPUs through NVML: one sensor {@code gpuK} per GPU that CUDA sees, K being the CUDA
 * device index under this process's {@code CUDA_DEVICE_ORDER} and {@code CUDA_VISIBLE_DEVICES}
 * (see {@link CudaDeviceOrder}). GPU power is per device, so the tracking mode does not change it
 * (as in CodeCarbon).
 *
 * <p>Probes: no library gives one missing "NVML" probe ("libnvidia-ml.so.1 not found (no NVIDIA
 * driver installed)"), a failing {@code nvmlInit} one with NVML's error string, no GPU one with "no
 * NVIDIA GPU"; otherwise one found probe "NVML gpuK &lt;name&gt;" per visible GPU, whose detail names
 * the fields that are unavailable and why, and one missing probe per GPU hidden by
 * {@code CUDA_VISIBLE_DEVICES} or that NVML could not open. The sensors share one NVML
 * initialisation, shut down when the last of them is closed.
 */
public final class NvmlSensorProvider implements PowerSensorProvider {
    static final String NAME = "NVML";

    private final Supplier<NvmlLibrary> loader;
    private final Map<String, String> env;
    private final LongSupplier nanoClock;

    /** The installed driver, this process's environment, {@link System#nanoTime()}. */
    public NvmlSensorProvider() {
        this(NvmlSession::loadSystemLibrary, System.getenv(), System::nanoTime);
    }

    /**
     * @param loader    binds the library; may throw {@link UnsatisfiedLinkError} when it is absent
     * @param env       environment variables ({@code CUDA_VISIBLE_DEVICES}, {@code CUDA_DEVICE_ORDER})
     * @param nanoClock monotonic nanoseconds, for power from the counter when power reads are unsupported
     */
    public NvmlSensorProvider(Supplier<NvmlLibrary> loader, Map<String, String> env, LongSupplier nanoClock) {
        this.loader = loader;
        this.env = Map.copyOf(env);
        this.nanoClock = nanoClock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SensorProbe> probe(SensorEnvironment environment) {
        NvmlSession session;
        try {
            session = NvmlSession.open(loader);
        } catch (NvmlUnavailableException e) {
            return List.of(missing(NAME, e.getMessage()));
        }
        List<SensorProbe> probes = new ArrayList<>();
        try {
            NvmlGpus.Enumeration found = NvmlGpus.enumerate(session, env);
            if (found.devices.isEmpty() && found.problems.isEmpty()) {
                return List.of(missing(NAME, "no NVIDIA GPU"));
            }
            CudaDeviceOrder.Result order = found.order;
            String rule = order.rule() + (order.warning() == null ? "" : "; " + order.warning());
            for (int k = 0; k < order.visible().size(); k++) {
                NvmlDevice device = byIndex(found, order.visible().get(k).nvmlIndex());
                String name = NAME + " gpu" + k + " " + device.name;
                try {
                    NvmlGpuSensor sensor = NvmlGpuSensor.open(session, device, k, rule, nanoClock);
                    probes.add(SensorProbe.found(name, sensor, detail(device, k, sensor)));
                } catch (NvmlUnavailableException e) {
                    probes.add(missing(name, device.identity() + ": " + e.getMessage()));
                }
            }
            for (CudaDeviceOrder.Candidate c : order.physicalOrder()) {
                if (order.cudaIndexOf(c.nvmlIndex()) < 0) {
                    NvmlDevice device = byIndex(found, c.nvmlIndex());
                    probes.add(missing(NAME + " " + device.name + " (NVML index " + c.nvmlIndex() + ")",
                            device.identity() + ": not visible to CUDA (" + rule + ")"));
                }
            }
            for (String problem : found.problems) {
                probes.add(missing(NAME, problem));
            }
            if (probes.isEmpty()) {
                probes.add(missing(NAME, "no NVIDIA GPU visible to CUDA (" + rule + ")"));
            }
            return probes;
        } catch (NvmlUnavailableException e) {
            return List.of(missing(NAME, e.getMessage()));
        } catch (RuntimeException e) {
            // A provider never throws: close what was opened and report the failure as the reason.
            for (SensorProbe p : probes) {
                if (p.sensor() != null) {
                    p.sensor().close();
                }
            }
            return List.of(missing(NAME, "NVML failed while probing GPUs: " + e));
        } finally {
            session.release();
        }
    }

    private static NvmlDevice byIndex(NvmlGpus.Enumeration found, int nvmlIndex) {
        for (NvmlDevice d : found.devices) {
            if (d.nvmlIndex == nvmlIndex) {
                return d;
            }
        }
        throw new IllegalStateException("no NVML device " + nvmlIndex);
    }

    private static String detail(NvmlDevice device, int cudaIndex, NvmlGpuSensor sensor) {
        StringBuilder b = new StringBuilder("CUDA device ").append(cudaIndex).append(" = ").append(device.identity());
        b.append("; ").append(sensor.method() == Method.MEASURED_COUNTER
                ? "energy counter and power readings" : "power readings integrated");
        b.append("; ").append(NvmlGpuSensor.unavailableText(sensor.unavailableFields()));
        if (!device.unavailable.isEmpty()) {
            b.append("; device info ").append(NvmlGpuSensor.unavailableText(device.unavailable));
        }
        return b.toString();
    }

    private static SensorProbe missing(String name, String reason) {
        return SensorProbe.missing(name, SourceKind.GPU, Method.MEASURED_COUNTER, reason);
    }
}
