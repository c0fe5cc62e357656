package dev.joulebench.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closed forms: constant and step power, a ramp, counters, phase splits, failed reads. */
class EnergyLedgerTest {
    private static EnergyLedger.SourceTotal only(EnergyLedger l) {
        assertThat(l.totals()).hasSize(1);
        return l.totals().get(0);
    }

    private static PowerReading counter(double watts, double joules) {
        return new PowerReading(watts, joules, Map.of());
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
        assertThat(t.coveredSeconds()).isCloseTo(10, within(1e-9));
        assertThat(t.unmeasuredSeconds()).isZero();
    }

    @Test
    void meanReadingIsTheMeanOfTheGoodReadingsNotEnergyOverTime() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_POWER, "nvml power");
        double[] times = {0, 0.3, 1.1, 2.0, 4.7, 5.0, 8.25, 10};
        for (double t : times) {
            l.add("gpu0", t, PowerReading.power(10 * t)); // P = 10 t W
        }
        l.gap("gpu0", 11);                                    // a failed read: no figure
        l.add("gpu0", 12, PowerReading.power(Double.NaN));    // a reading without watts
        l.add("gpu0", 5, PowerReading.power(1000));           // out of order: ignored
        EnergyLedger.SourceTotal t = only(l);
        // CodeCarbon's *_power: Σ P_i / n over the readings = 10 × mean(t_i) = 10 × 31.35 / 8
        assertThat(t.meanReadingWatts()).isCloseTo(10 * 31.35 / 8, within(1e-12));
        // the time-weighted figure differs with uneven steps: E / T = 500 J / 10 s
        assertThat(t.averageWatts()).isCloseTo(50, within(1e-9));
    }

    @Test
    void meanReadingOfACounterSourceIsTheMeanOfItsIntervalAverages() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.MEASURED_COUNTER, "rapl");
        // RAPL-like: no watts at the first read, then each read's watts = energy since the previous / its time
        l.add("cpu", 0, counter(Double.NaN, 0));
        l.add("cpu", 1, counter(30, 30));
        l.add("cpu", 4, counter(10, 60));
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.meanReadingWatts()).isCloseTo(20, within(1e-12));
        assertThat(t.averageWatts()).isCloseTo(15, within(1e-12));
        EnergyLedger none = new EnergyLedger();
        none.register("ram", SourceKind.RAM, Method.ESTIMATED, "model");
        none.gap("ram", 0);
        assertThat(only(none).meanReadingWatts()).isNaN();
    }

    @Test
    void aStepBetweenTwoReadingsIsPutAtTheirMidpoint() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_POWER, "nvml power");
        for (int i = 0; i <= 20; i++) {
            double t = i * 0.5;
            l.add("gpu0", t, PowerReading.power(t < 4 ? 50 : 150)); // 50 W up to 3.5 s, 150 W from 4 s
        }
        // 50 W x 3.75 s + 150 W x 6.25 s: the trapezoid over [3.5, 4] is the step at 3.75 s
        assertThat(only(l).joules()).isCloseTo(50 * 3.75 + 150 * 6.25, within(1e-9));
        assertThat(only(l).kwh()).isCloseTo(1125 / 3.6e6, within(1e-15));
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
    void independentPowerBesideACounterGivesTheCrossCheck() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, "nvml", true);
        for (int i = 0; i <= 10; i++) {
            // the counter says 50 W; the power readings say 55 W: a 10% disagreement
            l.add("gpu0", i, counter(55, 1000 + 50.0 * i));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.method()).isEqualTo(Method.MEASURED_COUNTER);
        assertThat(t.joules()).isCloseTo(500, within(1e-9));
        assertThat(t.counterJoules()).isCloseTo(500, within(1e-9));
        assertThat(t.powerIntegralJoules()).isCloseTo(550, within(1e-9));
        assertThat(t.counterVsIntegralGap()).isCloseTo(0.10, within(1e-12));
    }

    @Test
    void wattsDerivedFromTheCounterAreNoCrossCheck() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.MEASURED_COUNTER, "rapl"); // RAPL: watts = counter delta / dt
        l.add("cpu", 0, counter(Double.NaN, 0));
        for (int i = 1; i <= 10; i++) {
            l.add("cpu", i, counter(30, 30.0 * i));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(300, within(1e-9));
        assertThat(t.counterVsIntegralGap()).isNaN();
        assertThat(t.powerIntegralJoules()).isNaN();
    }

    @Test
    void theCrossCheckComparesOnlyIntervalsBothFiguresCover() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, "nvml", true);
        for (int i = 0; i <= 10; i++) {
            // 100 W on both figures, but the power reading is missing at 5 s: [4, 6] has only the counter
            l.add("gpu0", i, counter(i == 5 ? Double.NaN : 100, 100.0 * i));
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(1000, within(1e-9));
        assertThat(t.powerIntegralJoules()).isCloseTo(800, within(1e-9));
        assertThat(t.counterVsIntegralGap()).isCloseTo(0, within(1e-12));
        assertThat(t.unmeasuredSeconds()).isZero(); // the counter, the figure used, covered all 10 s
    }

    @Test
    void energyBeforeTheFirstPhaseIsSetupAndPhasesSplitIntervalsByOverlap() {
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
        assertThat(byPhase).containsOnlyKeys(EnergyLedger.SETUP, "train", "eval");
        assertThat(byPhase.get("setup")).isCloseTo(205, within(1e-9));
        assertThat(byPhase.get("train")).isCloseTo(495, within(1e-9));
        assertThat(byPhase.get("eval")).isCloseTo(300, within(1e-9));
        assertThat(byPhase.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1000, within(1e-9));
    }

    @Test
    void aFailedReadLeavesBothNeighbouringPowerIntervalsUnmeasured() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.ESTIMATED, "model");
        for (int i = 0; i <= 10; i++) {
            if (i == 5) {
                l.gap("cpu", i);
            } else {
                l.add("cpu", i, PowerReading.power(i < 5 ? 40 : 80));
            }
        }
        EnergyLedger.SourceTotal t = only(l);
        // [0, 4] at 40 W and [6, 10] at 80 W; [4, 6] has no reading at 5 s and is put in as nothing
        assertThat(t.joules()).isCloseTo(40 * 4 + 80 * 4, within(1e-9));
        assertThat(t.coveredSeconds()).isCloseTo(8, within(1e-12));
        assertThat(t.unmeasuredSeconds()).isCloseTo(2, within(1e-12));
        assertThat(t.averageWatts()).isCloseTo(60, within(1e-9));
        assertThat(t.failedReads()).isEqualTo(1);
        assertThat(t.samples()).isEqualTo(10);
    }

    @Test
    void aNaNReadingIsTheSameGapAndDoesNotShiftTheNextInterval() {
        EnergyLedger failed = new EnergyLedger();
        EnergyLedger nan = new EnergyLedger();
        for (EnergyLedger l : new EnergyLedger[] {failed, nan}) {
            l.register("cpu", SourceKind.CPU, Method.ESTIMATED, "model");
        }
        for (int i = 0; i <= 10; i++) {
            double watts = 10 * i; // a ramp: a wrongly started interval would change the figure
            if (i == 3) {
                failed.gap("cpu", i);
                nan.add("cpu", i, PowerReading.power(Double.NaN));
            } else {
                failed.add("cpu", i, PowerReading.power(watts));
                nan.add("cpu", i, PowerReading.power(watts));
            }
        }
        // 5 t^2 over [0, 2] and [4, 10]
        double expected = 5 * 4 + (5 * 100 - 5 * 16);
        assertThat(only(failed).joules()).isCloseTo(expected, within(1e-9));
        assertThat(only(nan).joules()).isCloseTo(expected, within(1e-9));
        assertThat(only(nan).unmeasuredSeconds()).isCloseTo(2, within(1e-12));
    }

    @Test
    void aCounterBridgesFailedReadsExactlyAndAttributesTheSpanToItsPhases() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.MEASURED_COUNTER, "rapl");
        l.phase("train", 5.5);
        for (int i = 0; i <= 10; i++) {
            if (i >= 4 && i <= 6) {
                l.gap("cpu", i);
            } else if (i == 7) {
                l.add("cpu", i, counter(Double.NaN, Double.NaN)); // a reading without figures
            } else {
                l.add("cpu", i, counter(Double.NaN, 20.0 * i));
            }
        }
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(200, within(1e-9));
        assertThat(t.coveredSeconds()).isCloseTo(10, within(1e-12));
        assertThat(t.unmeasuredSeconds()).isZero();
        assertThat(t.failedReads()).isEqualTo(3);
        assertThat(t.samples()).isEqualTo(8);
        // the span [3, 8] carries 100 J at a constant 20 W: 2.5 s before the phase change, 2.5 s after
        assertThat(t.byPhase().get("setup")).isCloseTo(110, within(1e-9));
        assertThat(t.byPhase().get("train")).isCloseTo(90, within(1e-9));
    }

    @Test
    void aCounterThatFailsAtTheEndLeavesItsTailUnmeasured() {
        EnergyLedger l = new EnergyLedger();
        l.register("gpu0", SourceKind.GPU, Method.MEASURED_COUNTER, "nvml");
        for (int i = 0; i <= 6; i++) {
            l.add("gpu0", i, counter(Double.NaN, 300.0 * i));
        }
        l.gap("gpu0", 7);
        l.gap("gpu0", 8);
        EnergyLedger.SourceTotal t = only(l);
        assertThat(t.joules()).isCloseTo(1800, within(1e-9));
        assertThat(t.unmeasuredSeconds()).isCloseTo(2, within(1e-12));
    }

    @Test
    void readingsNotLaterThanThePreviousAttemptAreIgnored() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.ESTIMATED, "model");
        l.add("cpu", 0, PowerReading.power(10));
        l.add("cpu", 0, PowerReading.power(1e6)); // a frozen clock: same t
        l.add("cpu", 2, PowerReading.power(10));
        l.add("cpu", 1, PowerReading.power(1e6)); // out of order
        assertThat(only(l).joules()).isCloseTo(20, within(1e-12));
        assertThat(only(l).samples()).isEqualTo(2);
    }

    @Test
    void theCumulativeSnapshotIsTheFigureTheTotalsGive() {
        EnergyLedger l = new EnergyLedger();
        l.register("cpu", SourceKind.CPU, Method.MEASURED_COUNTER, "rapl");
        l.register("ram", SourceKind.RAM, Method.ESTIMATED, "model");
        double previous = 0;
        for (int i = 0; i <= 10; i++) {
            l.add("cpu", i, counter(Double.NaN, 25.0 * i));
            l.add("ram", i, PowerReading.power(5));
            EnergyLedger.Snapshot s = l.cumulative();
            assertThat(s.totalJoules()).isCloseTo(30.0 * i, within(1e-9)).isGreaterThanOrEqualTo(previous);
            previous = s.totalJoules();
        }
        EnergyLedger.Snapshot s = l.cumulative();
        assertThat(s.joulesBySource()).containsOnlyKeys("cpu", "ram");
        assertThat(s.joulesBySource().get("cpu")).isEqualTo(l.totals().get(0).joules());
        assertThat(s.joulesBySource().get("ram")).isEqualTo(l.totals().get(1).joules());
        assertThat(s.methods()).containsEntry("cpu", Method.MEASURED_COUNTER).containsEntry("ram", Method.ESTIMATED);
    }
}
