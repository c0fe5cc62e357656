package dev.joulebench.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FootprintFormViewModelTest {
    @Test
    void defaultsAreTheWorldAverageAndPueOne() {
        FootprintFormViewModel f = new FootprintFormViewModel();
        assertThat(f.problems()).isEmpty();
        assertThat(f.energySettings().footprint().country()).isEqualTo("WLD");
        assertThat(f.energySettings().footprint().pue()).isEqualTo(1.0);
    }

    @Test
    void countryAndPueAreValidatedAsOnTheCommandLine() {
        FootprintFormViewModel f = new FootprintFormViewModel();
        f.countryProperty().set("germany");
        f.pueProperty().set("0.5");
        assertThat(f.footprintProperty().get()).isNull();
        assertThat(f.energySettings()).isNull();
        assertThat(f.problems()).anyMatch(p -> p.startsWith("country: must be an ISO 3166-1 alpha-3 code"))
                .anyMatch(p -> p.startsWith("pue: must be a number >= 1.0"));
        f.countryProperty().set("deu");
        f.pueProperty().set("1.2");
        assertThat(f.problems()).isEmpty();
        assertThat(f.energySettings().footprint().country()).isEqualTo("DEU");
        assertThat(f.energySettings().footprint().pue()).isEqualTo(1.2);
    }

    @Test
    void pueThatIsNotANumberIsAProblem() {
        FootprintFormViewModel f = new FootprintFormViewModel();
        f.pueProperty().set("x");
        assertThat(f.problems()).containsExactly("pue: must be a number >= 1.0 (got 'x')");
    }

    @Test
    void measuringOffGivesNoEnergySettings() {
        FootprintFormViewModel f = new FootprintFormViewModel();
        f.measureProperty().set(false);
        assertThat(f.energySettings()).isNull();
        assertThat(f.problems()).isEmpty();
    }
}
