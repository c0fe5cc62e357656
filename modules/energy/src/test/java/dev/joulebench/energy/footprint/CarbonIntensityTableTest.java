package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CarbonIntensityTableTest {
    private static final CarbonIntensityTable TABLE = CarbonIntensityTable.load();

    /** Figures quoted in ../shared/data/CONSTANTS.md (CodeCarbon 3.3.0 global_energy_mix.json, one decimal). */
    @ParameterizedTest
    @CsvSource({"FRA,56.0", "DEU,381.0", "USA,369.5", "NOR,30.1", "GBR,237.6", "CHN,582.3", "IND,713.4",
            "ZAF,707.7", "KEN,70.5", "NGA,523.2", "BRA,98.3"})
    void countryFiguresMatchThePublishedOnes(String iso3, double expected) {
        CarbonIntensity ci = TABLE.lookup(iso3);
        assertThat(ci.gPerKwh()).isCloseTo(expected, within(0.05));
        assertThat(ci.iso3()).isEqualTo(iso3);
        assertThat(ci.source()).isEqualTo("OWID via CodeCarbon 3.3.0 global_energy_mix.json");
        assertThat(ci.year()).isBetween(2021, 2023);
    }

    @Test
    void namesTheCountry() {
        assertThat(TABLE.lookup("FRA").country()).isEqualTo("France");
    }

    @Test
    void unknownCodeIsBadInputNamingTheClosestCodesNotTheWorldAverageInDisguise() {
        assertThatThrownBy(() -> TABLE.lookup("dex")).isInstanceOf(BadInputException.class)
                .hasMessage("country 'DEX' is not in the grid table; closest: DEU (Germany), MEX (Mexico),"
                        + " DJI (Djibouti), DMA (Dominica), DNK (Denmark); WLD is the world average (--country)");
        assertThatThrownBy(() -> TABLE.override("XYZ", 10.0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'XYZ' is not in the grid table");
    }

    @Test
    void worldRowIsCodeCarbonsWorldAverage() {
        CarbonIntensity world = TABLE.lookup("wld");
        assertThat(world).isEqualTo(TABLE.world());
        assertThat(world.gPerKwh()).isEqualTo(475.0);
        assertThat(world.source()).contains("world_average");
        assertThat(world.year()).isEqualTo(2019);
    }

    @Test
    void codesAreCaseInsensitive() {
        assertThat(TABLE.lookup("fra")).isEqualTo(TABLE.lookup("FRA"));
        assertThat(TABLE.lookup(" Deu ")).isEqualTo(TABLE.lookup("DEU"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"FR", "FRAN", "F1A", "U.S", "  "})
    void malformedCodesAreBadInputNamingTheAllowedForm(String code) {
        assertThatThrownBy(() -> TABLE.lookup(code)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ISO 3166-1 alpha-3")
                .hasMessageContaining("three letters")
                .hasMessageContaining("--country");
    }

    @Test
    void overrideReplacesTheFigureAndSaysSo() {
        CarbonIntensity plain = TABLE.override(120.0);
        assertThat(plain.gPerKwh()).isEqualTo(120.0);
        assertThat(plain.userSet()).isTrue();
        assertThat(plain.year()).isNull();

        CarbonIntensity fra = TABLE.override("fra", 12.5);
        assertThat(fra.iso3()).isEqualTo("FRA");
        assertThat(fra.country()).isEqualTo("France");
        assertThat(fra.gPerKwh()).isEqualTo(12.5);
        assertThat(fra.source()).isEqualTo(CarbonIntensity.USER_SOURCE);
        assertThatThrownBy(() -> TABLE.override(-1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hasEveryCountryOfTheSourcePlusTheWorld() {
        assertThat(TABLE.rows()).hasSize(214);
        assertThat(TABLE.contains("wld")).isTrue();
    }
}
