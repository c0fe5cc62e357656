package dev.joulebench.energy.footprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.SpecProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootprintTest {
    private static final Footprint FP = Footprint.bundled();

    @Test
    void co2eIsEnergyTimesPueTimesIntensity() {
        assertThat(Footprint.co2eKg(1.0, 1.5, 400)).isCloseTo(0.6, within(1e-12));
        FootprintResult r = FP.compute(new DeviceEnergy(0.25, 0.5, 0.25), 3600,
                FootprintSettings.defaults().withPue(1.5).withCarbonIntensity(400.0), List.of());
        assertThat(r.itEnergyKwh()).isCloseTo(1.0, within(1e-12));
        assertThat(r.facilityEnergyKwh()).isCloseTo(1.5, within(1e-12));
        assertThat(r.kgCo2e()).isCloseTo(0.6, within(1e-12));
        assertThat(r.carbonIntensity().userSet()).isTrue();
        assertThat(r.emissionsRateKgPerS()).isCloseTo(0.6 / 3600, within(1e-15));
    }

    @Test
    void waterIsEnergyTimesWuePlusPueTimesEwif() {
        assertThat(Footprint.waterL(1.0, 0.5, 1.2, 2.0)).isCloseTo(2.9, within(1e-12));
        FootprintResult r = FP.compute(new DeviceEnergy(1.0, 0, 0), 60,
                FootprintSettings.defaults().withCountry("USA").withPue(1.2).withWue(0.5), List.of());
        double ewif = FP.waterFactors().lookup("USA").ewifLPerKwh();
        assertThat(r.onsiteWaterL()).isCloseTo(0.5, within(1e-12));
        assertThat(r.offsiteWaterL()).isCloseTo(1.2 * ewif, within(1e-12));
        assertThat(r.waterL()).isCloseTo(0.5 + 1.2 * ewif, within(1e-12));
        assertThat(r.water().iso3()).isEqualTo("USA");
    }

    @Test
    void embodiedIsAmortisedLinearlyOverTheLifetime() {
        EmbodiedFactor gpu = FP.embodiedTable().lookup("gpu");
        assertThat(gpu.kgCo2e()).isEqualTo(150.0);
        assertThat(gpu.lifetimeYears()).isEqualTo(4.0);
        double oneHour = 150.0 / (4 * 365 * 24.0);
        assertThat(gpu.amortisedKg(1, 3600)).isCloseTo(oneHour, within(1e-15));

        FootprintResult r = FP.compute(new DeviceEnergy(0, 0, 0), 3600,
                FootprintSettings.defaults().withEmbodied(true),
                List.of(EmbodiedDevice.gpus(2), EmbodiedDevice.cpus(1), EmbodiedDevice.dramGb(384)));
        double expected = (2 * 150 + 100 + 533) / (4 * 365 * 24.0);
        assertThat(r.embodiedIncluded()).isTrue();
        assertThat(r.embodiedKg()).isCloseTo(expected, within(1e-12));
        assertThat(r.totalKgCo2e()).isCloseTo(r.kgCo2e() + expected, within(1e-15));
    }

    @Test
    void embodiedIsOffByDefault() {
        FootprintResult r = FP.compute(new DeviceEnergy(0.1, 0.1, 0.1), 3600, FootprintSettings.defaults(),
                List.of(EmbodiedDevice.server()));
        assertThat(r.embodiedIncluded()).isFalse();
        assertThat(r.embodiedKg()).isZero();
    }

    @Test
    void unknownEmbodiedClassIsBadInputListingTheKnownOnes() {
        assertThatThrownBy(() -> FP.embodiedTable().lookup("tpu")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gpu").hasMessageContaining("server_base");
    }

    @Test
    void defaultsAreWorldAveragePue1Wue0NoOverrideNoEmbodied() {
        FootprintSettings d = FootprintSettings.defaults();
        assertThat(d.country()).isEqualTo("WLD");
        assertThat(d.pue()).isEqualTo(1.0);
        assertThat(d.wue()).isEqualTo(0.0);
        assertThat(d.carbonIntensityOverride()).isNull();
        assertThat(d.embodied()).isFalse();
        assertThat(d.problems()).isEmpty();

        FootprintResult r = FP.compute(new DeviceEnergy(1, 0, 0), 10, d, null);
        assertThat(r.carbonIntensity().gPerKwh()).isEqualTo(475.0);
        assertThat(r.kgCo2e()).isCloseTo(0.475, within(1e-12));
        assertThat(r.onsiteWaterL()).isZero();
        assertThat(r.waterL()).isCloseTo(FP.waterFactors().world().ewifLPerKwh(), within(1e-12));
    }

    @Test
    void tableCountryIsUsedWithoutOverride() {
        FootprintResult r = FP.compute(new DeviceEnergy(2, 0, 0), 10,
                FootprintSettings.defaults().withCountry("fra"), List.of());
        assertThat(r.carbonIntensity().iso3()).isEqualTo("FRA");
        assertThat(r.kgCo2e()).isCloseTo(2 * FP.carbonTable().lookup("FRA").gPerKwh() / 1000, within(1e-12));
    }

    @Test
    void validationNamesEveryBadOption() {
        FootprintSettings bad = new FootprintSettings("FR", 0.9, -0.1, -5.0, false);
        assertThat(bad.problems()).extracting(SpecProblem::field)
                .containsExactly("--country", "--pue", "--wue", "--carbon-intensity");
        assertThatThrownBy(bad::validate).isInstanceOf(BadInputException.class)
                .hasMessageContaining("--pue").hasMessageContaining(">= 1.0")
                .hasMessageContaining("--wue").hasMessageContaining("--carbon-intensity")
                .hasMessageContaining("--country");
        assertThat(new FootprintSettings(null, Double.NaN, null, null, null).problems())
                .extracting(SpecProblem::field).containsExactly("--pue");
        assertThatThrownBy(() -> FP.compute(new DeviceEnergy(1, 0, 0), 1, bad, List.of()))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void rejectsNegativeEnergyOrDuration() {
        assertThatThrownBy(() -> new DeviceEnergy(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FP.compute(new DeviceEnergy(1, 0, 0), -1, FootprintSettings.defaults(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWellFormedCodeOutsideTheTableIsAProblemNamingTheClosestCodes() {
        assertThat(FootprintSettings.defaults().withCountry("DEX").problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("--country");
            assertThat(p.message()).isEqualTo("'DEX' is not in the grid table; closest: DEU (Germany), MEX (Mexico),"
                    + " DJI (Djibouti), DMA (Dominica), DNK (Denmark); WLD is the world average");
        });
        // a country's name typed as a code finds the country before the codes a letter off
        assertThat(FootprintSettings.defaults().withCountry("swi").problems()).singleElement()
                .satisfies(p -> assertThat(p.message())
                        .startsWith("'SWI' is not in the grid table; closest: CHE (Switzerland), SWE (Sweden)"));
        FootprintSettings xyz = FootprintSettings.defaults().withCountry("XYZ");
        assertThat(xyz.problems()).extracting(SpecProblem::field).containsExactly("--country");
        assertThatThrownBy(() -> FP.compute(new DeviceEnergy(1, 0, 0), 1, xyz, List.of()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'XYZ' is not in the grid table");
    }

    @Test
    void theWorldAndTableCodesPassInAnyCase() {
        assertThat(FootprintSettings.defaults().withCountry("wld").problems()).isEmpty();
        assertThat(FootprintSettings.defaults().withCountry(" Deu ").problems()).isEmpty();
        assertThat(FP.compute(new DeviceEnergy(1, 0, 0), 1, FootprintSettings.defaults().withCountry("wld"), List.of())
                .carbonIntensity()).isEqualTo(FP.carbonTable().world());
    }

    @Test
    void aNameInsteadOfACodeSaysWhichCodeItIs() {
        assertThat(FootprintSettings.defaults().withCountry("germany").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("must be an ISO 3166-1 alpha-3 code")
                        .endsWith("(got 'GERMANY'); closest: DEU (Germany)"));
        assertThat(FootprintSettings.defaults().withCountry("U.S").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).endsWith("(got 'U.S'); closest: USA (United States)"));
    }

    @Test
    void zeroLengthRunHasZeroRate() {
        FootprintResult r = FP.compute(new DeviceEnergy(0, 0, 0), 0, FootprintSettings.defaults(), List.of());
        assertThat(r.emissionsRateKgPerS()).isZero();
        assertThat(DeviceEnergy.ofJoules(3.6e6, 0, 7.2e6).totalKwh()).isCloseTo(3.0, within(1e-12));
    }
}
