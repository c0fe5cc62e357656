package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void readsModelNameAndThreadCount() {
        String text = """
                processor\t: 0
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz
                siblings\t: 2

                processor\t: 1
                vendor_id\t: GenuineIntel
                model name\t: Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz

                """;
        CpuInfo info = CpuInfo.parse(text);
        assertThat(info.modelName()).isEqualTo("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz");
        assertThat(info.threads()).isEqualTo(2);
    }

    @Test
    void arm64WithoutModelName() {
        CpuInfo info = CpuInfo.parse("processor\t: 0\nBogoMIPS\t: 50.00\nCPU implementer\t: 0x41\n\n");
        assertThat(info.modelName()).isNull();
        assertThat(info.threads()).isEqualTo(1);
    }
}
