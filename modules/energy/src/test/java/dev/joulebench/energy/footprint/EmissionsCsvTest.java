package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmissionsCsvTest {
    /** CodeCarbon 3.x columns as listed in DESIGN.md ("Energy and footprint"), in order. */
    private static final List<String> CODECARBON_COLUMNS = List.of(
            "timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate",
            "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed",
            "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region",
            "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model",
            "longitude", "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent",
            "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue");

    @TempDir
    Path dir;

    @Test
    void headerIsCodeCarbonsListExactly() {
        assertThat(EmissionsCsv.HEADER).containsExactlyElementsOf(CODECARBON_COLUMNS);
        assertThat(EmissionsCsv.HEADER).hasSize(38);
    }

    @Test
    void everyRowHasOneCellPerColumn() {
        assertThat(EmissionsRow.builder().build().cells()).hasSize(CODECARBON_COLUMNS.size());
    }

    @Test
    void writesHeaderAndOneRowWithCodeCarbonConventions() throws Exception {
        FootprintResult f = Footprint.bundled().compute(new DeviceEnergy(0.02, 0.05, 0.01), 3600,
                FootprintSettings.defaults().withCountry("FRA").withPue(1.5).withWue(0.4), List.of());
        EmissionsRow row = EmissionsRow.builder()
                .footprint(f)
                .cpuPower(21.5)
                .gpuPower(48.25)
                .ramPower(10.0)
                .timestamp(LocalDateTime.of(2025, 3, 4, 5, 6, 7))
                .runId("20250304-050607-train-bp-ab12")
                .experimentId("exp")
                .os("Linux-6.1-x86_64")
                .cpuCount(16)
                .cpuModel("AMD Ryzen 7 5800X, 8-Core")
                .gpuCount(1)
                .gpuModel("1 x NVIDIA \"GeForce\" RTX 3080")
                .ramTotalSize(31.2)
                .build();
        Path file = dir.resolve("run").resolve(EmissionsCsv.FILE_NAME);
        EmissionsCsv.write(file, row);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        assertThat(lines[0]).isEqualTo(String.join(",", CODECARBON_COLUMNS));
        assertThat(lines[1]).contains(",\"AMD Ryzen 7 5800X, 8-Core\",")
                .contains(",\"1 x NVIDIA \"\"GeForce\"\" RTX 3080\",");

        List<Map<String, String>> rows = EmissionsCsv.read(file);
        assertThat(rows).hasSize(1);
        Map<String, String> r = rows.get(0);
        assertThat(r.keySet()).containsExactlyElementsOf(CODECARBON_COLUMNS);
        assertThat(r.get("cpu_model")).isEqualTo("AMD Ryzen 7 5800X, 8-Core");
        assertThat(r.get("gpu_model")).isEqualTo("1 x NVIDIA \"GeForce\" RTX 3080");
        assertThat(r.get("timestamp")).isEqualTo("2025-03-04T05:06:07");
        assertThat(r.get("project_name")).isEqualTo("joulebench");
        assertThat(r.get("python_version")).isEmpty();
        assertThat(r.get("codecarbon_version")).isEmpty();
        assertThat(r.get("on_cloud")).isEqualTo("N");
        assertThat(r.get("cloud_provider")).isEmpty();
        assertThat(r.get("tracking_mode")).isEqualTo("machine");
        assertThat(r.get("country_iso_code")).isEqualTo("FRA");
        assertThat(r.get("country_name")).isEqualTo("France");
        assertThat(r.get("cpu_count")).isEqualTo("16");
        assertThat(r.get("longitude")).isEmpty();

        // kWh × PUE as CodeCarbon; W as given (the meter's mean readings); kg; kg/s.
        assertThat(Double.parseDouble(r.get("duration"))).isEqualTo(3600.0);
        assertThat(Double.parseDouble(r.get("cpu_energy"))).isCloseTo(0.03, within(1e-12));
        assertThat(Double.parseDouble(r.get("gpu_energy"))).isCloseTo(0.075, within(1e-12));
        assertThat(Double.parseDouble(r.get("ram_energy"))).isCloseTo(0.015, within(1e-12));
        assertThat(Double.parseDouble(r.get("energy_consumed"))).isCloseTo(0.12, within(1e-12));
        assertThat(r.get("cpu_power")).isEqualTo("21.5");
        assertThat(r.get("gpu_power")).isEqualTo("48.25");
        assertThat(r.get("ram_power")).isEqualTo("10");
        double g = Footprint.bundled().carbonTable().lookup("FRA").gPerKwh();
        double kg = 0.12 * g / 1000;
        assertThat(Double.parseDouble(r.get("emissions"))).isCloseTo(kg, within(1e-15));
        assertThat(Double.parseDouble(r.get("emissions_rate"))).isCloseTo(kg / 3600, within(1e-18));
        assertThat(Double.parseDouble(r.get("pue"))).isEqualTo(1.5);
        assertThat(Double.parseDouble(r.get("wue"))).isEqualTo(0.4);
        // CodeCarbon's water: on-site only, WUE × energy_consumed (× PUE); not run.json's on-site + off-site
        assertThat(Double.parseDouble(r.get("water_consumed"))).isCloseTo(0.4 * 0.12, within(1e-12));
        assertThat(f.waterL()).isGreaterThan(0.4 * 0.12 + 0.01);
    }

    @Test
    void theFootprintFillsNoPowerColumns() {
        // a footprint has energy and duration only; energy ÷ duration is not CodeCarbon's mean power
        FootprintResult f = Footprint.bundled().compute(new DeviceEnergy(0.02, 0.05, 0.01), 3600,
                FootprintSettings.defaults(), List.of());
        EmissionsRow row = EmissionsRow.builder().footprint(f).build();
        assertThat(row.cpuPower()).isZero();
        assertThat(row.gpuPower()).isZero();
        assertThat(row.ramPower()).isZero();
    }

    @Test
    void theFileHasTheModeOfAnyNewFileNotATemporaryFilesOwnerOnlyMode() throws Exception {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX modes");
        Path file = dir.resolve(EmissionsCsv.FILE_NAME);
        EmissionsCsv.write(file, EmissionsRow.builder().runId("a").build());
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        // a rewrite replaces the file with a new one, made the same way
        EmissionsCsv.write(file, EmissionsRow.builder().runId("b").build());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFile() throws Exception {
        // the rename fails: the target is a directory with a file in it
        Path file = dir.resolve(EmissionsCsv.FILE_NAME);
        Files.createDirectories(file);
        Files.writeString(file.resolve("keep"), "x");
        assertThatThrownBy(() -> EmissionsCsv.write(file, EmissionsRow.builder().runId("a").build()))
                .isInstanceOf(IOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(file.resolve("keep")).hasContent("x");
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve(EmissionsCsv.FILE_NAME);
        EmissionsCsv.write(file, EmissionsRow.builder().runId("a").build());
        EmissionsCsv.write(file, EmissionsRow.builder().runId("b").build());
        assertThat(EmissionsCsv.read(file)).singleElement().extracting(m -> m.get("run_id")).isEqualTo("b");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void numbersArePlainDecimalsAndMissingOnesEmpty() {
        assertThat(Csv.number(1.0e-7)).isEqualTo("0.0000001");
        assertThat(Csv.number(2.5)).isEqualTo("2.5");
        assertThat(Csv.number(3600.0)).isEqualTo("3600");
        assertThat(Csv.number(0.0)).isEqualTo("0");
        assertThat(Csv.number(Double.NaN)).isEmpty();
        List<String> cells = EmissionsRow.builder().build().cells();
        assertThat(cells.get(CODECARBON_COLUMNS.indexOf("cpu_utilization_percent"))).isEmpty();
        assertThat(EmissionsRow.builder().gpuUtilizationPercent(0.0).build().cells()
                .get(CODECARBON_COLUMNS.indexOf("gpu_utilization_percent"))).isEqualTo("0");
        assertThat(cells.get(CODECARBON_COLUMNS.indexOf("pue"))).isEqualTo("1");
        assertThat(cells.get(CODECARBON_COLUMNS.indexOf("wue"))).isEqualTo("0");
    }
}
