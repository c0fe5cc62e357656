package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.BadInputException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaterFactorsTest {
    private static final WaterFactors WATER = WaterFactors.load();
    private static final double GAL = 3.785411784;

    /** Ren-group per-fuel factors (../shared/data/CONSTANTS.md), gal/MWh → L/kWh. */
    @ParameterizedTest
    @CsvSource({"NATURAL_GAS,300", "COAL,450", "NUCLEAR,600", "OIL,350", "OTHER,475", "SOLAR,0", "HYDRO,0", "WIND,0"})
    void perFuelFactorsAreTheRenGroupOnes(Fuel fuel, double galPerMwh) {
        assertThat(WATER.fuelFactor(fuel)).isCloseTo(galPerMwh * GAL / 1000, within(1e-6));
        assertThat(WATER.fuelSource(fuel)).contains("Making AI Less Thirsty");
    }

    @Test
    void ewifOfAHandMadeMixIsTheGenerationWeightedMean() {
        Map<Fuel, Double> mix = new EnumMap<>(Fuel.class);
        mix.put(Fuel.COAL, 30.0);
        mix.put(Fuel.NATURAL_GAS, 20.0);
        mix.put(Fuel.NUCLEAR, 10.0);
        mix.put(Fuel.WIND, 25.0);
        mix.put(Fuel.HYDRO, 15.0);
        double expected = (30 * 450 + 20 * 300 + 10 * 600 + 25 * 0 + 15 * 0) * GAL / 1000 / 100.0;
        assertThat(WATER.ewifOf(mix)).isCloseTo(expected, within(1e-6));

        // Only ratios matter: shares in percent or TWh give the same figure.
        Map<Fuel, Double> scaled = new EnumMap<>(Fuel.class);
        mix.forEach((k, v) -> scaled.put(k, v * 37.5));
        assertThat(WATER.ewifOf(scaled)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void ewifWithExplicitFactorsIsSumOfBkFkOverSumOfBk() {
        Map<Fuel, Double> b = Map.of(Fuel.COAL, 1.0, Fuel.OIL, 3.0);
        Map<Fuel, Double> f = Map.of(Fuel.COAL, 2.0, Fuel.OIL, 4.0);
        assertThat(WaterFactors.ewif(b, f)).isCloseTo((1 * 2.0 + 3 * 4.0) / 4.0, within(1e-12));
        assertThatThrownBy(() -> WaterFactors.ewif(Map.of(Fuel.COAL, 0.0), f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaterFactors.ewif(Map.of(Fuel.COAL, -1.0), f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WaterFactors.ewif(Map.of(Fuel.WIND, 1.0), f))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countryRowsAreWithinTheFuelFactorRange() {
        double max = 600 * GAL / 1000;
        assertThat(WATER.rows().values()).allSatisfy(w -> {
            assertThat(w.ewifLPerKwh()).isBetween(0.0, max + 1e-9);
            assertThat(w.source()).isNotBlank();
            assertThat(w.basis()).isNotBlank();
        });
    }

    @Test
    void hydroGridIsNearZeroAndNuclearGridHigh() {
        assertThat(WATER.lookup("NOR").ewifLPerKwh()).isLessThan(0.05);
        assertThat(WATER.lookup("FRA").ewifLPerKwh()).isGreaterThan(1.5);
    }

    @Test
    void unknownCountryIsBadInputAndTheWorldRowIsTheWorldMix() {
        assertThatThrownBy(() -> WATER.lookup("xxx")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'XXX' is not in the grid table")
                .hasMessageContaining("WLD is the world average");
        assertThatThrownBy(() -> WATER.lookup("FR")).isInstanceOf(BadInputException.class);
        assertThat(WATER.lookup("wld")).isEqualTo(WATER.world());
        assertThat(WATER.world().basis()).contains("generation-weighted");
    }

    @Test
    void hasARowForEveryCodeOfTheCarbonTable() {
        // settings are checked against the carbon table only; without this a valid country could miss its water row
        assertThat(WATER.rows().keySet()).isEqualTo(CarbonIntensityTable.load().rows().keySet());
    }
}
