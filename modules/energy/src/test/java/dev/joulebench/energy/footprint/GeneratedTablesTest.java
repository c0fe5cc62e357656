package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.joulebench.energy.TestFixtures;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tables make-tables.py generated: well-formed, sourced, and faithful to the reference data. */
class GeneratedTablesTest {

    private static List<List<String>> records(String resource) throws Exception {
        try (InputStream in = GeneratedTablesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return Csv.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/energy/carbon-intensity.csv|iso3,country,g_co2e_per_kwh,source,year|g_co2e_per_kwh,year|214",
            "/energy/water-ewif.csv|iso3,country,ewif_l_per_kwh,basis,source,year|ewif_l_per_kwh,year|214",
            "/energy/water-fuel-factors.csv|fuel,gal_per_mwh,l_per_kwh,source|gal_per_mwh,l_per_kwh|8",
            "/energy/embodied.csv|device_class,kg_co2e,lifetime_years,source|kg_co2e,lifetime_years|6"})
    void tableIsWellFormed(String resource, String header, String numericColumns, int rows) throws Exception {
        List<List<String>> recs = records(resource);
        List<String> cols = List.of(header.split(","));
        assertThat(recs.get(0)).containsExactlyElementsOf(cols);
        assertThat(recs).hasSize(rows + 1);
        Set<String> keys = new HashSet<>();
        for (List<String> r : recs.subList(1, recs.size())) {
            assertThat(r).as(resource + " " + r).hasSize(cols.size());
            assertThat(keys.add(r.get(0))).as("unique key " + r.get(0)).isTrue();
            assertThat(r.get(0)).isNotBlank();
            assertThat(r.get(cols.indexOf("source"))).as("source of " + r.get(0)).isNotBlank();
            for (String c : numericColumns.split(",")) {
                double v = Double.parseDouble(r.get(cols.indexOf(c)));
                assertThat(v).as(c + " of " + r.get(0)).isGreaterThanOrEqualTo(0.0).isLessThan(1e6);
                if (c.equals("year")) {
                    assertThat(v).isBetween(2000.0, 2030.0);
                }
            }
        }
    }

    @Test
    void loadersAcceptTheTables() {
        assertThat(CarbonIntensityTable.load().rows()).hasSize(214);
        assertThat(WaterFactors.load().rows()).hasSize(214);
        assertThat(EmbodiedTable.load().rows()).containsOnlyKeys("server_base", "cpu", "gpu", "dram_per_gb",
                "ssd", "hdd");
        assertThat(EmbodiedTable.load().lookup("dram_per_gb").kgCo2e()).isCloseTo(533.0 / 384, within(1e-6));
    }

    @Test
    void jarTablesAreTheAssetsOnDisk() throws Exception {
        Path assets = TestFixtures.require(Path.of("..", "..", "assets", "energy"), TestFixtures.SHIPPED_HOW);
        for (String name : List.of("carbon-intensity.csv", "water-ewif.csv", "water-fuel-factors.csv", "embodied.csv")) {
            try (InputStream in = GeneratedTablesTest.class.getResourceAsStream("/energy/" + name)) {
                assertThat(in.readAllBytes()).as(name).isEqualTo(Files.readAllBytes(assets.resolve(name)));
            }
        }
    }

    /**
     * Recomputes every row from CodeCarbon's global_energy_mix.json (the reference copy in
     * ../shared/data, present on the development machine; skipped elsewhere, failed under CI), so the
     * Python generator and the Java formula check each other.
     */
    @Test
    void rowsMatchTheReferenceEnergyMix() throws Exception {
        Path json = TestFixtures.require(
                Path.of("..", "..", "..", "shared", "data", "carbon", "codecarbon", "global_energy_mix.json"),
                TestFixtures.SHARED_DATA_HOW);
        JsonNode mix = new ObjectMapper().readTree(json.toFile());
        CarbonIntensityTable carbon = CarbonIntensityTable.load();
        WaterFactors water = WaterFactors.load();
        Map<String, Fuel> fields = Map.of("coal_TWh", Fuel.COAL, "gas_TWh", Fuel.NATURAL_GAS, "oil_TWh", Fuel.OIL,
                "nuclear_TWh", Fuel.NUCLEAR, "hydroelectricity_TWh", Fuel.HYDRO, "solar_TWh", Fuel.SOLAR,
                "wind_TWh", Fuel.WIND, "biofuel_TWh", Fuel.OTHER, "other_renewable_exc_biofuel_TWh", Fuel.OTHER);
        Map<Fuel, Double> world = new EnumMap<>(Fuel.class);
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = mix.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String iso3 = e.getKey();
            JsonNode c = e.getValue();
            CarbonIntensity ci = carbon.lookup(iso3);
            assertThat(ci.gPerKwh()).as(iso3).isEqualTo(c.get("carbon_intensity").asDouble());
            assertThat(ci.year()).as(iso3).isEqualTo(c.get("year").asInt());
            assertThat(ci.country()).isEqualTo(c.get("country_name").asText());

            Map<Fuel, Double> gen = new EnumMap<>(Fuel.class);
            fields.forEach((field, fuel) -> gen.merge(fuel, c.get(field).asDouble(), Double::sum));
            gen.forEach((fuel, twh) -> world.merge(fuel, twh, Double::sum));
            assertThat(water.lookup(iso3).ewifLPerKwh()).as(iso3).isCloseTo(water.ewifOf(gen), within(1e-6));
            n++;
        }
        assertThat(n).isEqualTo(213);
        assertThat(water.world().ewifLPerKwh()).isCloseTo(water.ewifOf(world), within(1e-6));
    }
}
