package dev.joulebench.energy.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.energy.Method;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.SourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Probe results for every way NVML can be absent or partial, and the CUDA index mapping. */
class NvmlSensorProviderTest {
    static final String UUID_A = "GPU-aaaa1111-0000-0000-0000-000000000000";
    static final String UUID_B = "GPU-bbbb2222-0000-0000-0000-000000000000";

    final FakeNvml fake = new FakeNvml();

    List<SensorProbe> probe(Supplier<NvmlLibrary> loader, Map<String, String> env) {
        return new NvmlSensorProvider(loader, env, System::nanoTime).probe(NvmlGpuSensorTest.ENV);
    }

    List<SensorProbe> probe(Map<String, String> env) {
        return probe(() -> fake, env);
    }

    static void closeAll(List<SensorProbe> probes) {
        probes.stream().filter(p -> p.sensor() != null).forEach(p -> p.sensor().close());
    }

    @Test
    void isListedForServiceLoader() {
        assertThat(ServiceLoader.load(PowerSensorProvider.class).stream().map(p -> p.type().getName()))
                .contains(NvmlSensorProvider.class.getName());
    }

    @Test
    void missingLibraryGivesOneMissingProbeWithTheReason() {
        List<SensorProbe> probes = probe(() -> {
            throw new UnsatisfiedLinkError("Unable to load library 'libnvidia-ml.so.1': cannot open shared object file");
        }, Map.of());
        assertThat(probes).hasSize(1);
        SensorProbe p = probes.get(0);
        assertThat(p.name()).isEqualTo("NVML");
        assertThat(p.kind()).isEqualTo(SourceKind.GPU);
        assertThat(p.available()).isFalse();
        assertThat(p.sensor()).isNull();
        assertThat(p.detail()).isEqualTo(NvmlSession.libraryMissingReason());
    }

    @Test
    void initFailureGivesReasonFromNvmlErrorStringAndNoShutdown() {
        fake.initResult = NvmlLibrary.NVML_ERROR_DRIVER_NOT_LOADED;
        List<SensorProbe> probes = probe(Map.of());
        assertThat(probes).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("NVML");
            assertThat(p.available()).isFalse();
            assertThat(p.detail()).contains("Driver Not Loaded", "NVML_ERROR_DRIVER_NOT_LOADED = 9", "nvmlInit_v2");
        });
        assertThat(fake.shutdownCalls).isZero();
    }

    @Test
    void noDeviceGivesNoNvidiaGpuAndShutsDown() {
        List<SensorProbe> probes = probe(Map.of());
        assertThat(probes).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("NVML");
            assertThat(p.available()).isFalse();
            assertThat(p.detail()).isEqualTo("no NVIDIA GPU");
        });
        assertThat(fake.shutdownCalls).isEqualTo(1);
        assertThat(fake.initDepth()).isZero();
    }

    @Test
    void deviceCountFailureIsReportedAndShutsDown() {
        fake.add(FakeNvml.h100(UUID_A, 1));
        fake.countResult = NvmlLibrary.NVML_ERROR_NO_PERMISSION;
        assertThat(probe(Map.of())).singleElement().satisfies(p ->
                assertThat(p.detail()).contains("count", "Insufficient Permissions"));
        assertThat(fake.shutdownCalls).isEqualTo(1);
    }

    @Test
    void foundProbePerDeviceNamesUnavailableFieldsAndWhy() {
        fake.add(FakeNvml.h100(UUID_A, 1).fail("nvmlDeviceGetTemperature", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED));
        fake.missing.add("nvmlDeviceGetTotalEnergyConsumption");
        List<SensorProbe> probes = probe(Map.of());
        try {
            assertThat(probes).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("NVML gpu0 NVIDIA H100 80GB HBM3");
                assertThat(p.available()).isTrue();
                assertThat(p.kind()).isEqualTo(SourceKind.GPU);
                assertThat(p.method()).isEqualTo(Method.MEASURED_POWER);
                assertThat(p.detail()).contains("CUDA device 0", "00000000:01:00.0", UUID_A,
                        "temperature_c (nvmlDeviceGetTemperature: Not Supported",
                        "energy_counter (nvmlDeviceGetTotalEnergyConsumption is missing");
                assertThat(((NvmlGpuSensor) p.sensor()).unavailableFields())
                        .containsOnlyKeys("temperature_c", "energy_counter");
            });
        } finally {
            closeAll(probes);
        }
        assertThat(fake.shutdownCalls).isEqualTo(1);
    }

    @Test
    void fullySupportedDeviceSaysSoAndUsesTheCounter() {
        fake.add(FakeNvml.h100(UUID_A, 1));
        List<SensorProbe> probes = probe(Map.of());
        try {
            assertThat(probes).singleElement().satisfies(p -> {
                assertThat(p.method()).isEqualTo(Method.MEASURED_COUNTER);
                assertThat(p.detail()).contains("energy counter and power readings", "all fields available");
            });
        } finally {
            closeAll(probes);
        }
    }

    @Test
    void deviceWithNeitherPowerNorCounterIsMissingWithBothReasons() {
        fake.add(FakeNvml.h100(UUID_A, 1)
                .fail("nvmlDeviceGetPowerUsage", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED)
                .fail("nvmlDeviceGetTotalEnergyConsumption", NvmlLibrary.NVML_ERROR_NOT_SUPPORTED));
        List<SensorProbe> probes = probe(Map.of());
        assertThat(probes).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("NVML gpu0 NVIDIA H100 80GB HBM3");
            assertThat(p.available()).isFalse();
            assertThat(p.detail()).contains("nvmlDeviceGetPowerUsage", "nvmlDeviceGetTotalEnergyConsumption");
        });
        assertThat(fake.shutdownCalls).isEqualTo(1); // no sensor holds the session
    }

    /** NVML lists B (bus 2) before A (bus 1); CUDA's PCI order puts A first. */
    FakeNvml twoGpusNvmlOrderDiffersFromPci() {
        return fake.add(FakeNvml.h100(UUID_B, 2)).add(FakeNvml.h100(UUID_A, 1));
    }

    static String uuidOf(SensorProbe p) {
        return ((NvmlGpuSensor) p.sensor()).gpu().uuid();
    }

    @Test
    void withoutCudaVisibleDevicesGpuKFollowsPciOrderForIdenticalGpus() {
        twoGpusNvmlOrderDiffersFromPci();
        List<SensorProbe> probes = probe(Map.of());
        try {
            assertThat(probes).extracting(SensorProbe::name).containsExactly(
                    "NVML gpu0 NVIDIA H100 80GB HBM3", "NVML gpu1 NVIDIA H100 80GB HBM3");
            assertThat(uuidOf(probes.get(0))).isEqualTo(UUID_A);
            assertThat(uuidOf(probes.get(1))).isEqualTo(UUID_B);
            assertThat(((NvmlGpuSensor) probes.get(0).sensor()).gpu().nvmlIndex()).isEqualTo(1);
        } finally {
            closeAll(probes);
        }
    }

    @Test
    void cudaVisibleDevicesIndicesReorder() {
        twoGpusNvmlOrderDiffersFromPci();
        List<SensorProbe> probes = probe(Map.of("CUDA_VISIBLE_DEVICES", "1,0"));
        try {
            assertThat(probes).hasSize(2);
            assertThat(probes.get(0).sensor().id()).isEqualTo("gpu0");
            assertThat(uuidOf(probes.get(0))).isEqualTo(UUID_B);
            assertThat(uuidOf(probes.get(1))).isEqualTo(UUID_A);
            assertThat(probes.get(0).sensor().description()).contains("CUDA_VISIBLE_DEVICES=1,0");
        } finally {
            closeAll(probes);
        }
    }

    @Test
    void cudaVisibleDevicesUuidPrefixSelectsAndOthersAreHidden() {
        twoGpusNvmlOrderDiffersFromPci();
        List<SensorProbe> probes = probe(Map.of("CUDA_VISIBLE_DEVICES", "GPU-bbbb2222"));
        try {
            assertThat(probes).hasSize(2);
            SensorProbe gpu0 = probes.get(0);
            assertThat(gpu0.available()).isTrue();
            assertThat(gpu0.sensor().id()).isEqualTo("gpu0");
            assertThat(uuidOf(gpu0)).isEqualTo(UUID_B);
            SensorProbe hidden = probes.get(1);
            assertThat(hidden.available()).isFalse();
            assertThat(hidden.detail()).contains(UUID_A, "not visible to CUDA");
        } finally {
            closeAll(probes);
        }
        assertThat(fake.shutdownCalls).isEqualTo(1);
    }

    @Test
    void emptyCudaVisibleDevicesHidesEveryGpu() {
        twoGpusNvmlOrderDiffersFromPci();
        List<SensorProbe> probes = probe(Map.of("CUDA_VISIBLE_DEVICES", ""));
        assertThat(probes).hasSize(2).noneMatch(SensorProbe::available)
                .allSatisfy(p -> assertThat(p.detail()).contains("not visible to CUDA"));
        assertThat(fake.shutdownCalls).isEqualTo(1);
    }

    @Test
    void mixedModelsDefaultToFastestFirstAndPciBusIdOrderOnRequest() {
        FakeNvml.Device older = new FakeNvml.Device("NVIDIA A100-SXM4-40GB", UUID_A, 1);
        older.ccMajor = 8;
        fake.add(older).add(FakeNvml.h100(UUID_B, 2));

        List<SensorProbe> fastest = probe(Map.of());
        try {
            assertThat(uuidOf(fastest.get(0))).isEqualTo(UUID_B); // compute capability 9.0 before 8.0
            assertThat(fastest.get(0).sensor().description()).contains("fastest-first approximated");
        } finally {
            closeAll(fastest);
        }
        List<SensorProbe> pci = probe(Map.of("CUDA_DEVICE_ORDER", "PCI_BUS_ID"));
        try {
            assertThat(uuidOf(pci.get(0))).isEqualTo(UUID_A);
            assertThat(pci.get(0).name()).isEqualTo("NVML gpu0 NVIDIA A100-SXM4-40GB");
        } finally {
            closeAll(pci);
        }
        assertThat(fake.initDepth()).isZero();
    }

    @Test
    void deviceThatCannotBeOpenedIsReportedOthersStillWork() {
        twoGpusNvmlOrderDiffersFromPci();
        fake.handleErrors.put(0, NvmlLibrary.NVML_ERROR_NO_PERMISSION);
        List<SensorProbe> probes = probe(Map.of());
        try {
            assertThat(probes).hasSize(2);
            assertThat(probes.get(0).available()).isTrue();
            assertThat(uuidOf(probes.get(0))).isEqualTo(UUID_A);
            assertThat(probes.get(1).available()).isFalse();
            assertThat(probes.get(1).detail()).contains("NVML index 0", "Insufficient Permissions");
        } finally {
            closeAll(probes);
        }
    }

    @Test
    void unexpectedRuntimeFailureNeverEscapesAndLeavesNvmlShutDown() {
        twoGpusNvmlOrderDiffersFromPci();
        FakeNvml exploding = new FakeNvml() {
            @Override
            public int nvmlDeviceGetClockInfo(com.sun.jna.Pointer device, int clockType,
                                              com.sun.jna.ptr.IntByReference mhz) {
                throw new IllegalStateException("boom");
            }
        };
        exploding.devices.addAll(fake.devices);
        List<SensorProbe> probes = probe(() -> exploding, Map.of());
        assertThat(probes).singleElement().satisfies(p -> {
            assertThat(p.available()).isFalse();
            assertThat(p.detail()).contains("boom");
        });
        assertThat(exploding.initDepth()).isZero();
        assertThat(exploding.shutdownCalls).isEqualTo(1);
    }

    @Test
    void eachProbeInitialisesAndShutsDownItsOwnSession() {
        fake.add(FakeNvml.h100(UUID_A, 1));
        Map<String, String> env = new HashMap<>();
        List<SensorProbe> first = probe(env);
        List<SensorProbe> second = probe(env);
        assertThat(fake.initCalls).isEqualTo(2);
        closeAll(first);
        assertThat(fake.shutdownCalls).isEqualTo(1);
        closeAll(second);
        assertThat(fake.shutdownCalls).isEqualTo(2);
        assertThat(fake.initDepth()).isZero();
    }
}
