package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClosestCountriesTest {
    private static final Map<String, String> NAMES = Map.of("DEU", "Germany", "DNK", "Denmark", "MEX", "Mexico",
            "FRA", "France", "GUF", "French Guiana", "WLD", "World", "USA", "United States", "NOR", "Norway");

    @Test
    void levenshteinCountsEveryEditOnce() {
        assertThat(ClosestCountries.distance("DEX", "DEX")).isZero();
        assertThat(ClosestCountries.distance("DEX", "DEU")).isEqualTo(1);
        assertThat(ClosestCountries.distance("DEX", "DNK")).isEqualTo(2);
        assertThat(ClosestCountries.distance("DEX", "NOR")).isEqualTo(3);
        assertThat(ClosestCountries.distance("GERMANY", "GERMAN")).isEqualTo(1);
    }

    @Test
    void oneEditBeforeTwoAndTheTypedFirstLetterBreaksTies() {
        // DEU and MEX are one edit off, DNK two; of the one-edit codes D comes first as typed
        assertThat(ClosestCountries.of("dex", NAMES)).containsExactly("DEU (Germany)", "MEX (Mexico)", "DNK (Denmark)");
    }

    @Test
    void aNameComesBeforeCodesAndTwoLettersMatchCodesByPrefix() {
        assertThat(ClosestCountries.of("FRE", NAMES)).first().isEqualTo("GUF (French Guiana)");
        assertThat(ClosestCountries.of("fr", NAMES)).containsExactly("FRA (France)", "GUF (French Guiana)");
        assertThat(ClosestCountries.of("United States", NAMES)).containsExactly("USA (United States)");
        assertThat(ClosestCountries.of("u.s", NAMES)).containsExactly("USA (United States)");
    }

    @Test
    void theWorldIsNeverASuggestionAndFarTextGetsNone() {
        assertThat(ClosestCountries.of("WLQ", NAMES)).isEmpty(); // one letter off WLD only
        assertThat(ClosestCountries.of("QQQ", NAMES)).isEmpty();
        assertThat(ClosestCountries.of("x", NAMES)).isEmpty();
        assertThat(ClosestCountries.notInTable("QQQ", NAMES))
                .isEqualTo("'QQQ' is not in the grid table; no code or country name is near it;"
                        + " WLD is the world average");
    }

    @Test
    void atMostFiveSuggestions() {
        Map<String, String> all = CarbonIntensityTable.load().rows().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().country()));
        assertThat(ClosestCountries.of("DEX", all)).hasSize(ClosestCountries.MAX);
    }
}
