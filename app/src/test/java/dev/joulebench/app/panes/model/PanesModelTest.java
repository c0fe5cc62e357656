package dev.joulebench.app.panes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.nn.ModelSpec;
import dev.joulebench.spectra.MarchenkoPastur;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The panes' mapping logic without the toolkit, against closed forms. */
class PanesModelTest {

    @Test
    void stepTimeMapInterpolatesBothWaysAndHoldsTheEnds() {
        StepTimeMap m = new StepTimeMap();
        assertThat(m.timeAt(5)).isNaN();
        m.add(0, 1.0);
        m.add(100, 3.0);
        m.add(300, 4.0);
        assertThat(m.timeAt(50)).isCloseTo(2.0, within(1e-12));
        assertThat(m.timeAt(200)).isCloseTo(3.5, within(1e-12));
        assertThat(m.stepAt(3.5)).isCloseTo(200, within(1e-9));
        assertThat(m.stepAt(0.2)).isEqualTo(0);
        assertThat(m.stepAt(99)).isEqualTo(300);
        assertThat(m.timeAt(1000)).isEqualTo(4.0);
        for (double s = 0; s <= 300; s += 7) {
            assertThat(m.stepAt(m.timeAt(s))).isCloseTo(s, within(1e-9));
        }
        m.add(100, 9.0); // a repeated step (another metric at the same step) changes nothing
        assertThat(m.size()).isEqualTo(3);
    }

    @Test
    void nearestPicksTheCloserNeighbourAndTheEarlierOnATie() {
        TimedIndex<Double> idx = new TimedIndex<>(d -> d);
        assertThat(idx.nearest(1)).isNull();
        for (double t : new double[] {0.0, 1.0, 2.0, 5.0}) {
            idx.add(t);
        }
        idx.add(3.0); // late arrival keeps the order
        assertThat(idx.all()).containsExactly(0.0, 1.0, 2.0, 3.0, 5.0);
        assertThat(idx.nearest(-4)).isEqualTo(0.0);
        assertThat(idx.nearest(1.4)).isEqualTo(1.0);
        assertThat(idx.nearest(1.6)).isEqualTo(2.0);
        assertThat(idx.nearest(4.0)).isEqualTo(3.0);
        assertThat(idx.nearest(4.1)).isEqualTo(5.0);
        assertThat(idx.nearest(99)).isEqualTo(5.0);
        assertThat(idx.nearestIndex(Double.NaN)).isEqualTo(-1);
    }

    @Test
    void mpDensityMatchesTheSpectraModuleAndIntegratesToOne() {
        for (double gamma : new double[] {0.1, 0.25, 0.5, 1.0}) {
            MpDensity mp = new MpDensity(2.0, gamma);
            for (int i = 1; i < 50; i++) {
                double x = mp.lambdaMinus() + (mp.lambdaPlus() - mp.lambdaMinus()) * i / 50.0;
                assertThat(mp.density(x)).isCloseTo(MarchenkoPastur.density(x, 2.0, gamma), within(1e-12));
            }
            assertThat(integral(mp)).as("gamma %s", gamma).isCloseTo(1.0, within(2e-3));
        }
        // gamma > 1: the continuous part, renormalised, still integrates to 1; edges sigma2 (1 ± sqrt gamma)^2
        MpDensity wide = new MpDensity(1.0, 4.0);
        assertThat(wide.lambdaPlus()).isCloseTo(9.0, within(1e-12));
        assertThat(wide.lambdaMinus()).isCloseTo(1.0, within(1e-12));
        assertThat(wide.continuousMass()).isEqualTo(0.25);
        assertThat(integral(wide)).isCloseTo(1.0, within(2e-3));
        assertThat(wide.density(0.5)).isZero();
        assertThat(wide.density(9.5)).isZero();
    }

    @Test
    void mpCurveSamplesCellMidpointsOfTheSupport() {
        MpDensity mp = new MpDensity(1.0, 0.25); // support [0.25, 2.25]
        MpDensity.Curve c = mp.sample(200);
        assertThat(c.x()).hasSize(200);
        assertThat(c.x()[0]).isCloseTo(0.25 + 2.0 * 0.5 / 200, within(1e-12));
        assertThat(c.x()[199]).isCloseTo(2.25 - 2.0 * 0.5 / 200, within(1e-12));
        for (int i = 0; i < 200; i++) {
            assertThat(c.y()[i]).isCloseTo(mp.density(c.x()[i]), within(0.0)).isPositive();
        }
    }

    @Test
    void activationViewHistogramsTheNonZeroPartAndFlagsSpikes() {
        // 10 samples (dof 9) x 12 features: 3 zero eigenvalues, 9 non-zero; mean eigenvalue = 2
        double[] ev = {0, 0, 0, 1, 1.5, 2, 2, 2.5, 2.5, 3, 3.5, 6};
        SpectrumView v = SpectrumView.ofActivations("relu1", 200, 4.5, ev, 10, 12, 5.0);
        double width = v.binCentres()[1] - v.binCentres()[0];
        double mass = 0;
        for (double d : v.density()) {
            mass += d * width;
        }
        assertThat(mass).isCloseTo(1.0, within(1e-9));
        assertThat(v.spikes()).containsExactly(6.0);
        assertThat(v.lambdaPlus()).isEqualTo(5.0);
        assertThat(v.binCentres()[v.binCentres().length - 1] + width / 2).isCloseTo(1.05 * 6.0, within(1e-9));
        MpDensity expected = new MpDensity(24.0 / 12, 12.0 / 9);
        assertThat(v.mpX()[0]).isCloseTo(expected.sample(SpectrumView.CURVE_POINTS).x()[0], within(1e-12));
    }

    @Test
    void modelLayersAgreeWithTheModelSpecParameterCount() {
        for (String spec : List.of("mlp:784-32-10", "mlp:784-1000-1000", "cnn:1x28x28-c32-c64-d128-10",
                "cnn:3x32x32-c16-10")) {
            ModelLayers m = ModelLayers.parse(spec);
            assertThat(m.parameters()).as(spec).isEqualTo(ModelSpec.parse(spec).parameterCount());
            assertThat(m.bytes()).isEqualTo(4 * m.parameters());
        }
        ModelLayers cnn = ModelLayers.parse("cnn:1x28x28-c32-c64-d128-10");
        assertThat(cnn.layers()).extracting(ModelLayers.Layer::output)
                .containsExactly("1×28×28", "32×14×14", "64×7×7", "128", "10");
        assertThat(cnn.layers().get(1).params()).isEqualTo(1 * 32 * 9 + 32);
    }

    @Test
    void metricsGoToTheirCharts() {
        assertThat(MetricKind.of("train/loss")).isEqualTo(MetricKind.LOSS);
        assertThat(MetricKind.of("train/layer2_loss")).isEqualTo(MetricKind.LOSS);
        assertThat(MetricKind.of("train/block1_loss")).isEqualTo(MetricKind.LOSS);
        assertThat(MetricKind.of("val/accuracy")).isEqualTo(MetricKind.ACCURACY);
        assertThat(MetricKind.of("val/layer1_accuracy")).isEqualTo(MetricKind.ACCURACY);
        assertThat(MetricKind.of("train/samples_per_second")).isNull();
        assertThat(MetricKind.of("train/layer1_goodness_pos")).isNull();
    }

    @Test
    void powerReadingSumsItsSources() {
        PowerReading r = new PowerReading(1, Map.of("cpu", 10.0, "ram", 2.5), Map.of("cpu", "measured"));
        assertThat(r.totalWatts()).isEqualTo(12.5);
    }

    @Test
    void footprintTotalsUseTheEnergyModulesFormulas() {
        dev.joulebench.energy.footprint.Footprint tables = dev.joulebench.energy.footprint.Footprint.bundled();
        dev.joulebench.energy.footprint.FootprintSettings s = dev.joulebench.energy.footprint.FootprintSettings
                .defaults().withCountry("FRA").withPue(1.5).withWue(2.0).withCarbonIntensity(100.0);
        FootprintTotals f = FootprintTotals.of(0.001, tables, s);
        // 0.001 kWh x 1.5 x 100 g/kWh = 0.15 g
        assertThat(f.co2eKg()).isCloseTo(0.15e-3, within(1e-15));
        double ewif = tables.waterFactors().lookup("FRA").ewifLPerKwh();
        assertThat(f.waterL()).isCloseTo(0.001 * (2.0 + 1.5 * ewif), within(1e-15));
        assertThat(f.gPerKwh()).isEqualTo(100.0);
        assertThat(FootprintTotals.of(0, tables, s).co2eKg()).isZero();
    }

    private static double integral(MpDensity mp) {
        int n = 200_000;
        double lo = mp.lambdaMinus();
        double h = (mp.lambdaPlus() - lo) / n;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += mp.density(lo + (i + 0.5) * h) * h;
        }
        return sum;
    }
}
