package dev.joulebench.energy.nvml;

import static dev.joulebench.energy.nvml.NvmlLibrary.NVML_ERROR_GPU_IS_LOST;
import static dev.joulebench.energy.nvml.NvmlLibrary.NVML_ERROR_NOT_SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorException;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.TrackingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readings of one GPU sensor over the fake driver: units, counter origin, degraded fields, errors, close. */
class NvmlGpuSensorTest {
    static final SensorEnvironment ENV = new SensorEnvironment(Path.of("/"), TrackingMode.MACHINE, null, () -> 0L);

    final FakeNvml fake = new FakeNvml().add(FakeNvml.h100("GPU-aaaa1111-0000-0000-0000-000000000000", 1));
    final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    List<SensorProbe> probe(Map<String, String> env) {
        return new NvmlSensorProvider(() -> fake, env, nanos::get).probe(ENV);
    }

    NvmlGpuSensor gpu0() {
        List<SensorProbe> probes = probe(Map.of());
        assertThat(probes).hasSize(1);
        assertThat(probes.get(0).available()).as(probes.get(0).detail()).isTrue();
        return (NvmlGpuSensor) probes.get(0).sensor();
    }

    @Test
    void counterJoulesAreRelativeToOpenAndInJoulesWattsAreMilliwattsOverThousand() throws Exception {
        FakeNvml.Device d = fake.devices.get(0);
        d.powerMilliwatts = 123_456;
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.id()).isEqualTo("gpu0");
            assertThat(s.method()).isEqualTo(Method.MEASURED_COUNTER);
            assertThat(s.unavailableFields()).isEmpty();

            PowerReading r0 = s.read();
            assertThat(r0.joules()).isEqualTo(0.0);
            assertThat(r0.watts()).isCloseTo(123.456, within(1e-12));

            d.energyMillijoules += 5_250; // 5.25 J since open
            d.powerMilliwatts = 250_000;
            PowerReading r1 = s.read();
            assertThat(r1.joules()).isCloseTo(5.25, within(1e-12));
            assertThat(r1.watts()).isCloseTo(250.0, within(1e-12));
            assertThat(r1.extras()).containsEntry("utilization_percent", 50.0)
                    .containsEntry("memory_used_bytes", (double) (3L << 30))
                    .containsEntry("temperature_c", 45.0)
                    .containsEntry("sm_clock_mhz", 1410.0)
                    .hasSize(4);
            assertThat(s.description()).contains("nvmlDeviceGetTotalEnergyConsumption", "nvmlDeviceGetPowerUsage",
                    "all fields available", "CUDA device 0", "GPU-aaaa1111");
        }
    }

    @Test
    void counterNotSupportedFallsBackToPowerWithReasonKept() throws Exception {
        fake.devices.get(0).fail("nvmlDeviceGetTotalEnergyConsumption", NVML_ERROR_NOT_SUPPORTED);
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.method()).isEqualTo(Method.MEASURED_POWER);
            assertThat(s.unavailableFields()).containsOnlyKeys("energy_counter");
            assertThat(s.unavailableFields().get("energy_counter"))
                    .contains("nvmlDeviceGetTotalEnergyConsumption", "Not Supported", "NVML_ERROR_NOT_SUPPORTED", "Volta");
            PowerReading r = s.read();
            assertThat(r.joules()).isNaN();
            assertThat(r.watts()).isCloseTo(100.0, within(1e-12));
            assertThat(s.description()).contains("unavailable: energy_counter");
        }
    }

    @Test
    void unsupportedExtraIsDroppedAloneAndNotRetried() throws Exception {
        fake.devices.get(0).fail("nvmlDeviceGetTemperature", NVML_ERROR_NOT_SUPPORTED);
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.method()).isEqualTo(Method.MEASURED_COUNTER);
            assertThat(s.unavailableFields()).containsOnlyKeys("temperature_c");
            int before = fake.calls("nvmlDeviceGetTemperature");
            PowerReading r = s.read();
            s.read();
            assertThat(r.extras()).doesNotContainKey("temperature_c")
                    .containsKeys("utilization_percent", "memory_used_bytes", "sm_clock_mhz");
            assertThat(fake.calls("nvmlDeviceGetTemperature")).isEqualTo(before);
        }
    }

    @Test
    void missingFunctionInOlderDriverDegradesThatFieldOnly() throws Exception {
        fake.missing.add("nvmlDeviceGetTotalEnergyConsumption");
        fake.missing.add("nvmlDeviceGetClockInfo");
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.method()).isEqualTo(Method.MEASURED_POWER);
            assertThat(s.unavailableFields()).containsOnlyKeys("energy_counter", "sm_clock_mhz");
            assertThat(s.unavailableFields().get("energy_counter"))
                    .contains("missing from this driver's NVML", "undefined symbol");
            PowerReading r = s.read();
            assertThat(r.joules()).isNaN();
            assertThat(r.watts()).isEqualTo(100.0);
            assertThat(r.extras()).doesNotContainKey("sm_clock_mhz").containsKey("temperature_c");
            // The failed symbol lookup happened once, at open; reads never touch it again.
            assertThat(fake.calls("nvmlDeviceGetTotalEnergyConsumption")).isEqualTo(1);
        }
    }

    @Test
    void midRunErrorThrowsSensorExceptionWithNvmlErrorStringThenRecovers() throws Exception {
        FakeNvml.Device d = fake.devices.get(0);
        try (NvmlGpuSensor s = gpu0()) {
            s.read();
            d.fail("nvmlDeviceGetPowerUsage", NVML_ERROR_GPU_IS_LOST);
            assertThatThrownBy(s::read).isInstanceOf(SensorException.class)
                    .hasMessageContaining("gpu0")
                    .hasMessageContaining("nvmlDeviceGetPowerUsage")
                    .hasMessageContaining("GPU is lost")
                    .hasMessageContaining("NVML_ERROR_GPU_IS_LOST");
            d.heal("nvmlDeviceGetPowerUsage");
            d.fail("nvmlDeviceGetTotalEnergyConsumption", NVML_ERROR_GPU_IS_LOST);
            assertThatThrownBy(s::read).isInstanceOf(SensorException.class)
                    .hasMessageContaining("nvmlDeviceGetTotalEnergyConsumption");
            d.heal("nvmlDeviceGetTotalEnergyConsumption");
            d.energyMillijoules += 2_000;
            assertThat(s.read().joules()).isCloseTo(2.0, within(1e-12));
        }
    }

    @Test
    void failingExtraMidRunIsLeftOutOfThatReadingOnly() throws Exception {
        FakeNvml.Device d = fake.devices.get(0);
        try (NvmlGpuSensor s = gpu0()) {
            d.fail("nvmlDeviceGetUtilizationRates", NvmlLibrary.NVML_ERROR_UNKNOWN);
            assertThat(s.read().extras()).doesNotContainKey("utilization_percent").containsKey("temperature_c");
            d.heal("nvmlDeviceGetUtilizationRates");
            assertThat(s.read().extras()).containsKey("utilization_percent");
        }
    }

    @Test
    void messagesFallBackToReturnCodeNamesWithoutNvmlErrorString() throws Exception {
        fake.missing.add("nvmlErrorString");
        fake.devices.get(0).fail("nvmlDeviceGetMemoryInfo", NVML_ERROR_NOT_SUPPORTED);
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.unavailableFields().get("memory_used_bytes"))
                    .isEqualTo("nvmlDeviceGetMemoryInfo: NVML_ERROR_NOT_SUPPORTED (NVML_ERROR_NOT_SUPPORTED = 3)");
        }
    }

    @Test
    void lastSensorClosedShutsNvmlDownExactlyOnce() {
        fake.add(FakeNvml.h100("GPU-bbbb2222-0000-0000-0000-000000000000", 2));
        List<SensorProbe> probes = probe(Map.of());
        assertThat(probes).hasSize(2).allMatch(SensorProbe::available);
        assertThat(fake.initCalls).isEqualTo(1);
        assertThat(fake.shutdownCalls).isZero();

        probes.get(0).sensor().close();
        probes.get(0).sensor().close(); // idempotent: must not release the other sensor's reference
        assertThat(fake.shutdownCalls).isZero();
        probes.get(1).sensor().close();
        assertThat(fake.shutdownCalls).isEqualTo(1);
        probes.get(1).sensor().close();
        assertThat(fake.shutdownCalls).isEqualTo(1);
        assertThat(fake.initDepth()).isZero();
    }

    @Test
    void readAfterCloseThrows() {
        NvmlGpuSensor s = gpu0();
        s.close();
        assertThatThrownBy(s::read).isInstanceOf(SensorException.class).hasMessageContaining("closed");
    }

    @Test
    void withoutPowerReadingsWattsAreTheCounterAverage() throws Exception {
        FakeNvml.Device d = fake.devices.get(0);
        d.fail("nvmlDeviceGetPowerUsage", NVML_ERROR_NOT_SUPPORTED);
        try (NvmlGpuSensor s = gpu0()) {
            assertThat(s.method()).isEqualTo(Method.MEASURED_COUNTER);
            assertThat(s.unavailableFields()).containsOnlyKeys("power");
            nanos.addAndGet(2_000_000_000L);
            d.energyMillijoules += 300_000; // 300 J in 2 s
            PowerReading r = s.read();
            assertThat(r.joules()).isCloseTo(300.0, within(1e-9));
            assertThat(r.watts()).isCloseTo(150.0, within(1e-9));
            nanos.addAndGet(500_000_000L);
            d.energyMillijoules += 50_000; // 50 J in 0.5 s
            assertThat(s.read().watts()).isCloseTo(100.0, within(1e-9));
        }
    }

    @Test
    void counterResetKeepsEnergyMonotonic() throws Exception {
        FakeNvml.Device d = fake.devices.get(0);
        try (NvmlGpuSensor s = gpu0()) {
            d.energyMillijoules += 10_000;
            assertThat(s.read().joules()).isCloseTo(10.0, within(1e-12));
            d.energyMillijoules = 4_000; // driver reloaded: counter restarted from zero
            assertThat(s.read().joules()).isCloseTo(14.0, within(1e-12));
            d.energyMillijoules = 5_000;
            assertThat(s.read().joules()).isCloseTo(15.0, within(1e-12));
        }
    }

    @Test
    void gpuIdentityIsKeptForProvenance() {
        try (NvmlGpuSensor s = gpu0()) {
            NvmlGpus.Gpu g = s.gpu();
            assertThat(g.name()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(g.uuid()).isEqualTo("GPU-aaaa1111-0000-0000-0000-000000000000");
            assertThat(g.pciBusId()).isEqualTo("00000000:01:00.0");
            assertThat(g.cudaIndex()).isZero();
            assertThat(g.powerLimitWatts()).isEqualTo(700.0);
            assertThat(g.computeCapability()).isEqualTo("9.0");
        }
    }
}
