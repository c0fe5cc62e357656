package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineResourcesTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void readsMemAvailableInBytes() throws IOException {
        Path meminfo = dir.resolve("meminfo");
        Files.writeString(meminfo, "MemTotal:       24681012 kB\nMemFree:  1000 kB\nMemAvailable:   20000000 kB\n");
        assertThat(MachineResources.memAvailable(meminfo)).hasValue(20_000_000L * 1024);
        Files.writeString(meminfo, "MemTotal: 5 kB\n");
        assertThat(MachineResources.memAvailable(meminfo)).isEmpty();
        assertThat(MachineResources.memAvailable(dir.resolve("none"))).isEmpty();
    }

    @Test
    void cgroupLimitLessUseAndUnlimitedCgroups() throws IOException {
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(v2.resolve("memory.max"), "4294967296\n");
        Files.writeString(v2.resolve("memory.current"), "1073741824\n");
        assertThat(MachineResources.cgroupFree(v2)).hasValue(3 * GIB);
        Files.writeString(v2.resolve("memory.max"), "max\n");
        assertThat(MachineResources.cgroupFree(v2)).isEmpty();
        Path v1 = Files.createDirectories(dir.resolve("v1/memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Files.writeString(v1.resolve("memory.usage_in_bytes"), "100\n");
        assertThat(MachineResources.cgroupFree(dir.resolve("v1"))).isEmpty();
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "2147483648\n");
        assertThat(MachineResources.cgroupFree(dir.resolve("v1"))).hasValue(2 * GIB - 100);
    }

    @Test
    void parsesSizesAsUsersWriteThem() {
        assertThat(MachineResources.parseSize("16g")).isEqualTo(16 * GIB);
        assertThat(MachineResources.parseSize("16GiB")).isEqualTo(16 * GIB);
        assertThat(MachineResources.parseSize("512M")).isEqualTo(512L << 20);
        assertThat(MachineResources.parseSize("2.5g")).isEqualTo(5 * GIB / 2);
        assertThat(MachineResources.parseSize("4096")).isEqualTo(4096);
        assertThat(MachineResources.parseSize("off")).isEqualTo(MachineResources.UNLIMITED);
        for (String bad : List.of("", "banana", "-1g", "0", "1e400", "99999999999p")) {
            assertThatThrownBy(() -> MachineResources.parseSize(bad)).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    void estimatesSaturateInsteadOfOverflowing() {
        assertThat(MemoryEstimate.times(1L << 40, 1L << 40)).isEqualTo(Long.MAX_VALUE);
        assertThat(MemoryEstimate.plus(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        MemoryEstimate e = MemoryEstimate.builder().compute("parameters", Long.MAX_VALUE).compute("gradients", 10).build();
        assertThat(e.computeBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(MachineResources.bytes(3 * GIB / 2)).isEqualTo("1.5 GiB");
    }

    @Test
    void threadsAboveTheProcessorsAreRefused() {
        JobEnvironment env = env(new MachineResources(4, 8 * GIB, "test", 2 * GIB), () -> 0);
        assertThat(env.threadProblems("threads", 4)).isEmpty();
        assertThat(env.threadProblems("threads", 0)).isEmpty();
        List<SpecProblem> p = env.threadProblems("threads", 5000);
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.field()).isEqualTo("threads");
            assertThat(x.message()).contains("5000").contains("4 processors");
            assertThat(x.hint()).contains("1..4");
        });
    }

    @Test
    void memoryIsCheckedAgainstHostGpuAndHeapWithTheEstimateAndTheLimitStated() {
        MemoryEstimate e = MemoryEstimate.builder().compute("parameters", 3 * GIB).compute("activations", GIB)
                .heap("dataset", GIB / 2).build();
        JobEnvironment host = env(new MachineResources(2, 4 * GIB, "MemAvailable", 4 * GIB), () -> 0);
        assertThat(host.memoryProblems("cpu", e)).singleElement().satisfies(x -> assertThat(x.message())
                .contains("4.5 GiB").contains("parameters 3.0 GiB").contains("dataset 512 MiB")
                .contains("4.0 GiB available (MemAvailable)"));
        assertThat(env(new MachineResources(2, 5 * GIB, "m", 4 * GIB), () -> 0).memoryProblems("cpu", e)).isEmpty();
        assertThat(env(new MachineResources(2, 4 * GIB, "m", 4 * GIB).withMemoryLimit(MachineResources.UNLIMITED, "off"),
                () -> 0).memoryProblems("cpu", e)).isEmpty();
        // the data lives in the Java heap
        assertThat(env(new MachineResources(2, 64 * GIB, "m", GIB / 4), () -> 0).memoryProblems("cpu", e))
                .singleElement().satisfies(x -> assertThat(x.hint()).contains("-Xmx"));

        DeviceInventory gpu = new DeviceInventory() {
            @Override
            public int gpuCount() {
                return 1;
            }

            @Override
            public OptionalLong gpuFreeMemory(int index) {
                return OptionalLong.of(2 * GIB);
            }
        };
        // on the GPU only the compute parts count against its memory; the host then holds the data only
        JobEnvironment onGpu = env(new MachineResources(2, GIB, "m", GIB), gpu);
        assertThat(onGpu.memoryProblems("gpu", e)).singleElement().satisfies(x -> assertThat(x.message())
                .contains("GPU memory").contains("2.0 GiB free on gpu"));
        assertThat(onGpu.memoryProblems("auto", e)).hasSize(1);
        assertThat(onGpu.memoryProblems("cpu", e)).singleElement().satisfies(x -> assertThat(x.message())
                .doesNotContain("GPU"));
    }

    private JobEnvironment env(MachineResources r, DeviceInventory d) {
        return new JobEnvironment(new RunStore(dir), d, r);
    }
}
