package dev.joulebench.study.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Parameter;
import dev.joulebench.study.Sampler;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
    static final List<Objective> MIN = List.of(new Objective("loss", Direction.MINIMIZE));
    static final SearchSpace XY = new SearchSpace(List.of(Parameter.ofFloat("x", -5, 5, false, null),
            Parameter.ofFloat("y", -5, 5, false, null)));
    static final ToDoubleFunction<Map<String, Object>> QUADRATIC = p -> {
        double x = (Double) p.get("x");
        double y = (Double) p.get("y");
        return (x - 0.3) * (x - 0.3) + (y + 1.2) * (y + 1.2);
    };

    /** The best value after {@code n} sequential trials of {@code s} on {@code f}. */
    static double best(Sampler s, SearchSpace space, ToDoubleFunction<Map<String, Object>> f, int n) {
        List<Trial> trials = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = s.sample(space, List.copyOf(trials), i);
            double v = f.applyAsDouble(p);
            best = Math.min(best, v);
            trials.add(Trial.queued(i, p).running("r" + i).ended(TrialState.FINISHED, List.of(v), null, 1.0, null));
        }
        return best;
    }

    @Test
    void findsTheMinimumOfAQuadraticFasterThanRandomOverTwentySeeds() {
        int seeds = 20;
        double[] tpe = new double[seeds];
        double[] random = new double[seeds];
        int wins = 0;
        for (int seed = 0; seed < seeds; seed++) {
            tpe[seed] = best(new TpeSampler(seed, 10, 24, MIN), XY, QUADRATIC, 60);
            random[seed] = best(new RandomSampler(seed), XY, QUADRATIC, 60);
            wins += tpe[seed] < random[seed] ? 1 : 0;
        }
        Arrays.sort(tpe);
        Arrays.sort(random);
        double tpeMedian = (tpe[9] + tpe[10]) / 2;
        double randomMedian = (random[9] + random[10]) / 2;
        // 60 random points in a 10x10 square leave a median best of ~0.3; TPE gets well under a tenth of that
        assertThat(wins).as("seeds where TPE's best beats random's").isGreaterThanOrEqualTo(16);
        assertThat(tpeMedian).as("TPE median best %s vs random %s", tpeMedian, randomMedian)
                .isLessThan(randomMedian / 4);
    }

    @Test
    void prefersTheBestCategoryOnceItHasSeenIt() {
        SearchSpace s = new SearchSpace(List.of(Parameter.ofChoices("c", List.of("a", "b", "c", "d"), null),
                Parameter.ofFloat("x", 0, 1, false, null)));
        Map<Object, Double> cost = Map.of("a", 1.0, "b", 0.0, "c", 2.0, "d", 1.5);
        ToDoubleFunction<Map<String, Object>> f = p -> cost.get(p.get("c")) + (Double) p.get("x");
        TpeSampler tpe = new TpeSampler(11, 10, 24, MIN);
        List<Trial> trials = new ArrayList<>();
        int bAfterStartup = 0;
        for (int i = 0; i < 50; i++) {
            Map<String, Object> p = tpe.sample(s, List.copyOf(trials), i);
            if (i >= 10 && "b".equals(p.get("c"))) {
                bAfterStartup++;
            }
            trials.add(Trial.queued(i, p).running("r" + i).ended(TrialState.FINISHED, List.of(f.applyAsDouble(p)),
                    null, 1.0, null));
        }
        assertThat(bAfterStartup).as("of 40 modelled trials, how many chose b").isGreaterThan(25);
    }

    @Test
    void startsWithExactlyTheRandomSamplersValues() {
        TpeSampler tpe = new TpeSampler(4, 10, 24, MIN);
        RandomSampler random = new RandomSampler(4);
        for (int i = 0; i < 10; i++) {
            assertThat(tpe.sample(XY, List.of(), i)).isEqualTo(random.sample(XY, List.of(), i));
        }
    }

    @Test
    void gammaAndWeightsAreOptunasDefaults() {
        TpeSampler single = new TpeSampler(0, 10, 24, MIN);
        assertThat(single.gamma(10)).isEqualTo(1);
        assertThat(single.gamma(11)).isEqualTo(2);
        assertThat(single.gamma(1000)).isEqualTo(25);
        TpeSampler multi = new TpeSampler(0, 10, 24, List.of(new Objective("a", Direction.MAXIMIZE),
                new Objective("b", Direction.MINIMIZE)));
        assertThat(multi.gamma(1000)).isEqualTo(100);
        assertThat(TpeSampler.weights(24)).containsOnly(1.0);
        double[] w = TpeSampler.weights(30); // numpy.linspace(1/30, 1, 5) then 25 ones
        assertThat(w[0]).isCloseTo(1.0 / 30, within(1e-15));
        assertThat(w[2]).isCloseTo((1.0 / 30 + 1) / 2, within(1e-15));
        assertThat(w[4]).isCloseTo(1.0, within(1e-15));
        assertThat(Arrays.copyOfRange(w, 5, 30)).containsOnly(1.0);
    }

    @Test
    void kernelWidthsFollowOptunasNeighbourRuleAndMagicClip() {
        // sorted with the bounds: 0 | .2 .5 .9 | 1: the larger neighbour gap, the inner gap at the ends,
        // clipped below at range / min(100, 1 + kernels) = 1 / 5
        double[] s = ParzenEstimator.sigmas(new double[] {0.9, 0.2, 0.5}, 0, 1);
        assertThat(s).containsExactly(new double[] {0.4, 0.3, 0.4}, within(1e-12));
        double[] clipped = ParzenEstimator.sigmas(new double[] {0.5, 0.51}, 0, 1);
        assertThat(clipped).containsExactly(new double[] {0.25, 0.25}, within(1e-12));
    }

    @Test
    void aParzenMixtureIsANormalisedDensity() {
        ParzenEstimator p = new ParzenEstimator(new dev.joulebench.study.Distribution.FloatRange(-2, 3, false, null),
                new double[] {-1, 0.5, 2.5}, new double[] {1, 1, 1});
        double sum = 0;
        int n = 20000;
        double h = 5.0 / n;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(p.logPdf(-2 + (i + 0.5) * h)) * h;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        ParzenEstimator grid = new ParzenEstimator(new dev.joulebench.study.Distribution.IntRange(1, 9, false, 2),
                new double[] {3, 7}, new double[] {1, 1});
        double mass = 0;
        for (int v = 1; v <= 9; v += 2) {
            mass += Math.exp(grid.logPdf(v));
        }
        assertThat(mass).isCloseTo(1.0, within(1e-9));
    }
}
