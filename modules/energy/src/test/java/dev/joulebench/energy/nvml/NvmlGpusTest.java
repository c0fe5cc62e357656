package dev.joulebench.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.energy.SensorProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GPU listing for provenance, the JNA structure layouts, and the real binding on this machine. */
class NvmlGpusTest {
    final FakeNvml fake = new FakeNvml();

    @Test
    void listsIdentityCudaIndexAndPowerLimitThenShutsDown() {
        FakeNvml.Device hidden = FakeNvml.h100(NvmlSensorProviderTest.UUID_B, 2);
        hidden.fail("nvmlDeviceGetEnforcedPowerLimit", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED)
                .fail("nvmlDeviceGetPowerManagementLimit", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED);
        fake.add(hidden).add(FakeNvml.h100(NvmlSensorProviderTest.UUID_A, 1));

        NvmlGpus.Listing l = new NvmlGpus(() -> fake, Map.of("CUDA_VISIBLE_DEVICES", "GPU-aaaa")).list();
        assertThat(l.available()).isTrue();
        assertThat(l.driverVersion()).isEqualTo("550.54.15");
        assertThat(l.cudaMapping()).contains("CUDA_VISIBLE_DEVICES=GPU-aaaa");
        assertThat(l.cudaMappingExact()).isTrue();
        assertThat(l.gpus()).hasSize(2);

        NvmlGpus.Gpu b = l.gpus().get(0);
        assertThat(b.nvmlIndex()).isZero();
        assertThat(b.visibleToCuda()).isFalse();
        assertThat(b.sensorId()).isNull();
        assertThat(b.powerLimitWatts()).isNaN();
        assertThat(b.unavailableFields().get("power_limit_watts")).contains("Not Supported");

        assertThat(l.visible()).singleElement().satisfies(a -> {
            assertThat(a.sensorId()).isEqualTo("gpu0");
            assertThat(a.name()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(a.uuid()).isEqualTo(NvmlSensorProviderTest.UUID_A);
            assertThat(a.pciBusId()).isEqualTo("00000000:01:00.0");
            assertThat(a.powerLimitWatts()).isEqualTo(700.0);
            assertThat(a.computeCapability()).isEqualTo("9.0");
            assertThat(a.unavailableFields()).isEmpty();
        });
        assertThat(fake.initCalls).isEqualTo(1);
        assertThat(fake.shutdownCalls).isEqualTo(1);
    }

    @Test
    void olderDriverPciInfoAndPowerLimitFallbacks() {
        fake.add(FakeNvml.h100(NvmlSensorProviderTest.UUID_A, 0x3b));
        fake.missing.add("nvmlDeviceGetPciInfo_v3");
        fake.missing.add("nvmlDeviceGetPciInfo_v2");
        fake.missing.add("nvmlDeviceGetEnforcedPowerLimit");
        fake.missing.add("nvmlDeviceGetNumGpuCores");
        NvmlGpus.Gpu g = new NvmlGpus(() -> fake, Map.of()).list().gpus().get(0);
        assertThat(g.pciBusId()).isEqualTo("0000:3B:00.0");
        assertThat(g.powerLimitWatts()).isEqualTo(700.0);
        assertThat(g.unavailableFields()).isEmpty();
    }

    @Test
    void unavailableNvmlIsAListingWithAReason() {
        NvmlGpus.Listing l = new NvmlGpus(() -> {
            throw new UnsatisfiedLinkError("Unable to load library 'nvidia-ml'");
        }, Map.of()).list();
        assertThat(l.available()).isFalse();
        assertThat(l.reason()).isEqualTo(NvmlSession.libraryMissingReason());
        assertThat(l.gpus()).isEmpty();

        fake.initResult = NvmlLibrary.NVML_ERROR_DRIVER_NOT_LOADED;
        assertThat(new NvmlGpus(() -> fake, Map.of()).list().reason()).contains("Driver Not Loaded");
    }

    @Test
    void jnaDispatchFailureIsNotBlamedOnTheDriver() {
        NvmlGpus.Listing l = new NvmlGpus(() -> {
            throw new UnsatisfiedLinkError("Can't load library: /tmp/jna123/jnidispatch.so");
        }, Map.of()).list();
        assertThat(l.reason()).startsWith("JNA's native support could not be loaded");
    }

    @Test
    void structureLayoutsMatchTheNvmlHeaders() {
        assertThat(new NvmlLibrary.PciInfo().size()).isEqualTo(68);
        assertThat(new NvmlLibrary.Utilization().size()).isEqualTo(8);
        assertThat(new NvmlLibrary.Memory().size()).isEqualTo(24);
    }

    /**
     * The real binding: on a machine without the driver it must say so in the agreed words; on a
     * GPU machine it must find every GPU with a working power or energy reading.
     */
    @Test
    void realDriverIsFoundOrReportedMissing() {
        NvmlGpus.Listing l = new NvmlGpus().list();
        List<SensorProbe> probes = new NvmlSensorProvider().probe(NvmlGpuSensorTest.ENV);
        try {
            if (!l.available()) {
                // No driver here: the agreed words; a driver without a GPU: NVML's own reason.
                assertThat(l.reason()).satisfiesAnyOf(
                        r -> assertThat(r).isEqualTo(NvmlSession.libraryMissingReason()),
                        r -> assertThat(r).startsWith("NVML init failed: nvmlInit_v2: "));
                assertThat(probes).singleElement().satisfies(p -> {
                    assertThat(p.name()).isEqualTo("NVML");
                    assertThat(p.available()).isFalse();
                    assertThat(p.detail()).isEqualTo(l.reason());
                });
                return;
            }
            System.out.println("NVML driver " + l.driverVersion() + ", " + l.cudaMapping());
            l.gpus().forEach(g -> System.out.println("  " + g));
            probes.forEach(p -> System.out.println("  probe " + p.name() + " available=" + p.available()
                    + " method=" + p.method() + ": " + p.detail()));
            for (SensorProbe p : probes) {
                if (p.sensor() != null) {
                    var r = assertReads(p);
                    System.out.println("  read " + p.sensor().id() + ": " + r);
                }
            }
            assertThat(probes.stream().filter(SensorProbe::available).count()).isEqualTo(l.visible().size());
        } finally {
            NvmlSensorProviderTest.closeAll(probes);
        }
    }

    private static dev.joulebench.energy.PowerReading assertReads(SensorProbe p) {
        try {
            dev.joulebench.energy.PowerReading r = p.sensor().read();
            assertThat(Double.isFinite(r.watts()) || Double.isFinite(r.joules())).isTrue();
            return r;
        } catch (dev.joulebench.energy.SensorException e) {
            throw new AssertionError(e);
        }
    }
}
