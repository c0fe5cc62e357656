package dev.joulebench.energy.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.energy.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CpuTdpTableTest {
    static final CpuTdpTable TABLE = CpuTdpTable.load();

    static double tdp(String model) {
        return TABLE.lookup(model).orElseThrow(() -> new AssertionError("no match for " + model)).entry().tdpWatts();
    }

    @Test
    void shippedTableIsACuratedSubsetWithSourcesNamed() {
        assertThat(TABLE.size()).isBetween(300, 400);
        Set<String> keys = new HashSet<>();
        for (CpuTdpTable.Entry e : TABLE.entries()) {
            assertThat(keys.add(e.key())).as("duplicate pattern " + e.pattern()).isTrue();
            assertThat(e.source()).containsAnyOf("CodeCarbon cpu_power.csv @ b05965e4",
                    "Green Algorithms TDP_cpu.csv @ 30df2fe");
            assertThat(e.tdpWatts()).isBetween(5.0, 600.0);
            assertThat(e.year()).isBetween(2012, 2026);
        }
    }

    @Test
    void normalisation() {
        assertThat(CpuTdpTable.normalise("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")).isEqualTo("intel xeon gold 6248");
        assertThat(CpuTdpTable.normalise("AMD EPYC 7763 64-Core Processor")).isEqualTo("amd epyc 7763");
        assertThat(CpuTdpTable.normalise("AMD FX(tm)-8350 Eight-Core Processor")).isEqualTo("amd fx-8350");
        assertThat(CpuTdpTable.normalise("  Intel® Core™ i7-8700K  CPU @ 3.70GHz ")).isEqualTo("intel core i7-8700k");
    }

    @Test
    void knownModelsMatchTheirRows() {
        assertThat(tdp("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")).isEqualTo(150);
        assertThat(tdp("AMD EPYC 7763 64-Core Processor")).isEqualTo(280);
        assertThat(tdp("AMD Ryzen 9 5950X 16-Core Processor")).isEqualTo(105);
        assertThat(tdp("Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz")).isEqualTo(120);
        assertThat(tdp("Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz")).isEqualTo(210);
        assertThat(tdp("Intel(R) Xeon(R) Platinum 8480+")).isEqualTo(350);
        assertThat(TABLE.lookup("AMD EPYC 7763 64-Core Processor").orElseThrow().exact()).isTrue();
    }

    @Test
    void containmentMatchesWholeWordsOnly() {
        var m = TABLE.lookup("13th Gen Intel(R) Core(TM) i9-13900K");
        assertThat(m).isPresent();
        assertThat(m.get().exact()).isFalse();
        assertThat(m.get().entry().pattern()).isEqualTo("Intel Core i9-13900K");
        assertThat(TABLE.lookup("AMD Ryzen 7 PRO 4750U with Radeon Graphics").orElseThrow().entry().pattern())
                .isEqualTo("AMD Ryzen 7 PRO 4750U");

        CpuTdpTable t = CpuTdpTable.parse("""
                model_pattern,tdp_watts,source,year
                AMD EPYC 7302,155,test,2019
                Xeon Gold 6248,150,test,
                Intel Xeon Gold 6248,151,test,2019
                """, "test");
        assertThat(t.lookup("AMD EPYC 7302P 16-Core Processor")).isEmpty();
        // The longest contained pattern wins.
        assertThat(t.lookup("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz").orElseThrow().entry().tdpWatts())
                .isEqualTo(151);
        assertThat(t.lookup("Genuine Xeon Gold 6248 sample").orElseThrow().entry().tdpWatts()).isEqualTo(150);
        assertThat(t.entries().get(1).year()).isNull();
    }

    @Test
    void unknownAndFamilyOnlyNamesDoNotMatch() {
        assertThat(TABLE.lookup("AMD EPYC")).isEmpty();
        assertThat(TABLE.lookup("AMD EPYC Processor (with IBPB)")).isEmpty();
        assertThat(TABLE.lookup("QEMU Virtual CPU version 2.5+")).isEmpty();
        assertThat(TABLE.lookup("")).isEmpty();
        assertThat(TABLE.lookup(null)).isEmpty();
    }

    @Test
    void malformedTablesAreRejected() {
        assertThatThrownBy(() -> CpuTdpTable.parse("name,tdp\nx,1\n", "t")).hasMessageContaining("header");
        assertThatThrownBy(() -> CpuTdpTable.parse("model_pattern,tdp_watts,source,year\nx,abc,s,\n", "t"))
                .hasMessageContaining("tdp_watts");
        assertThatThrownBy(() -> CpuTdpTable.parse("model_pattern,tdp_watts,source,year\nx,0,s,\n", "t"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> CpuTdpTable.parse("model_pattern,tdp_watts,source,year\nx,1,s\n", "t"))
                .hasMessageContaining("4 fields");
    }

    /**
     * Every figure is the one its source gives, checked against the reference files of the workspace
     * ({@code ../shared/data}, not part of the project): skipped where they are absent, failed under CI.
     */
    @Test
    void figuresAgreeWithTheNamedSources() throws IOException {
        Path base = Path.of("").toAbsolutePath();
        Path data = null;
        for (Path p = base; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data/hardware"))) {
                data = p.resolve("shared/data/hardware");
                break;
            }
        }
        if (data == null) {
            data = TestFixtures.require(base.resolve("../../../shared/data/hardware"), TestFixtures.SHARED_DATA_HOW);
        }
        Map<String, Double> cc = new HashMap<>();
        List<String> ccLines = Files.readAllLines(data.resolve("codecarbon/cpu_power.csv"));
        for (String line : ccLines.subList(1, ccLines.size())) {
            int c = line.lastIndexOf(',');
            try {
                cc.put(line.substring(0, c).strip(), Double.valueOf(line.substring(c + 1)));
            } catch (NumberFormatException e) {
                // CodeCarbon has a few malformed rows (e.g. "27.29.5"); none is in our table.
            }
        }
        Map<String, Double> ga = new HashMap<>();
        List<String> gaLines = Files.readAllLines(data.resolve("green-algorithms/TDP_cpu.csv"));
        for (String line : gaLines.subList(2, gaLines.size())) {
            String[] f = line.split(",", -1);
            if (f[1].isBlank()) {
                continue;
            }
            String m = f[0].strip();
            m = m.equals("AMD 7552") ? "AMD EPYC 7552"
                    : m.startsWith("Core") || m.startsWith("Xeon") ? "Intel " + m
                    : m.startsWith("Ryzen") ? "AMD " + m : m;
            ga.put(m, Double.valueOf(f[1]));
        }
        for (CpuTdpTable.Entry e : TABLE.entries()) {
            String src = e.source();
            if (src.startsWith("CodeCarbon")) {
                assertThat(cc.get(e.pattern())).as(e.pattern() + " in CodeCarbon").isEqualTo(e.tdpWatts());
            }
            if (src.contains("; Green Algorithms") || src.startsWith("Green Algorithms")) {
                assertThat(ga.get(e.pattern())).as(e.pattern() + " in Green Algorithms").isEqualTo(e.tdpWatts());
            }
        }
    }
}
