package dev.joulebench.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed forms: constant power, a linear ramp, a counter, phase splits, gaps. */
class EnergyLedgerTest {
    private static EnergyLedger.SourceTotal only(EnergyLedger l) {
        assertThat(l.totals()).hasSize(1);
        return l.totals().get(0);
    }

    @Test
    void constantPowerIntegratesToPowerTimesTime() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.ESTIMATED, "model");
        for (int i = 0; i <= 100; i++) {
            l.add("cpu", i * 0.1, PowerReading.power(100));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(1000, within(1e-9));
        assertThat(t.kwh()).isCloseTo(1000 / 3.6e6, within(1e-15));
        assertThat(t.averageWatts()).isCloseTo(100, within(1e-9));
        assertThat(t.method()).isEqualTo(Method.ESTIMATED);
        assertThat(t.counterJoules()).isNaN();
        assertThat(t.samples()).isEqualTo(101);
    }

    @Test
    void linearRampIsExactUnderTheTrapezoidRuleEvenWithUnevenSteps() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_POWER, "nvml power");
        double[] times = {0, 0.3, 1.1, 2.0, 4.7, 5.0, 8.25, 10};
        for (double t : times) {
            l.add("gpu0", t, PowerReading.power(10 * t)); // P = 10 t W -> E = 5 t^2 = 500 J over 10 s
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(500, within(1e-9));
        assertThat(t.method()).isEqualTo(Method.MEASURED_POWER);
        assertThat(t.peakWatts()).isEqualTo(100);
    }

    @Test
    void counterDifferencesWinOverThePowerIntegralAndTheGapIsReported() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, "nvml");
        for (int i = 0; i <= 10; i++) {
            double t = i;
            // the counter says 50 W; the power readings say 55 W: a 10% disagreement
            l.add("gpu0", t, new PowerReading(55, 1000 + 50 * t, Map.of()));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.method()).isEqualTo(Method.MEASURED_COUNTER);
        assertThat(t.joules()).isCloseTo(500, within(1e-9));
        assertThat(t.counterJoules()).isCloseTo(500, within(1e-9));
        assertThat(t.powerIntegralJoules()).isCloseTo(550, within(1e-9));
        assertThat(t.counterVsIntegralGap()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void phasesSplitIntervalsByOverlap() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.ESTIMATED, "model");
        l.add("cpu", 0, PowerReading.power(100));
        l.add("cpu", 1, PowerReading.power(100));
        l.phase("train", 2.05); // inside the interval (2, 3]
        l.add("cpu", 2, PowerReading.power(100));
        l.add("cpu", 3, PowerReading.power(100));
        l.phase("eval", 7);
        for (int t = 4; t <= 10; t++) {
            l.add("cpu", t, PowerReading.power(100));
        }
        Map<String, Double> byPhase = only(l).byPhase();
        assertThat(byPhase.get("idle")).isCloseTo(205, within(1e-9));
        assertThat(byPhase.get("train")).isCloseTo(495, within(1e-9));
        assertThat(byPhase.get("eval")).isCloseTo(300, within(1e-9));
        assertThat(byPhase.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void aGapIsBridgedByTheCounterExactlyAndCounted() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.MEASURED_COUNTER, "rapl");
        for (int i = 0; i <= 10; i++) {
            if (i >= 4 && i <= 6) {
                l.gap("cpu", i);
                continue;
            }
            l.add("cpu", i, new PowerReading(Double.NaN, 20.0 * i, Map.of()));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(200, within(1e-9));
        assertThat(t.failedReads()).isEqualTo(3);
        assertThat(t.samples()).isEqualTo(8);
    }
}
