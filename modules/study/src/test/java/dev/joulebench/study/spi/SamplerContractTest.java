package dev.joulebench.study.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Parameter;
import dev.joulebench.study.Sampler;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sampler: values inside the space, every parameter given, seeded, history untouched. */
class SamplerContractTest {
    static final SearchSpace SPACE = space(Parameter.ofFloat("lr", 1e-4, 1e-1, true, "learningRate"));
    /** The grid needs steps: its lr is a list of values. */
    static final SearchSpace GRID_SPACE = space(Parameter.ofChoices("lr", List.of(1e-4, 1e-3, 1e-2, 1e-1), null));

    static SearchSpace space(Parameter lr) {
        return new SearchSpace(List.of(lr,
            new Parameter("dropout", "float", 0.0, 0.5, false, 0.05, null, null),
            Parameter.ofInt("width", 32, 512, 32, null),
            new Parameter("depth", "int", 1.0, 8.0, true, null, null, null),
            Parameter.ofChoices("optimizer", List.of("adam", "sgd", "adamw"), "optimizer")));
    }

    static SearchSpace spaceOf(Sampler s) {
        return s instanceof GridSampler ? GRID_SPACE : SPACE;
    }

    static Stream<Sampler> samplers() {
        List<Objective> one = List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE));
        List<Objective> two = List.of(new Objective("val/best_accuracy", Direction.MAXIMIZE),
                new Objective("energy/kwh", Direction.MINIMIZE));
        return Stream.of(new RandomSampler(7), new GridSampler(7), new TpeSampler(7, 10, 24, one),
                new TpeSampler(7, 3, 24, two));
    }

    /** 30 ended trials with values from a fixed function, so TPE is past its start-up. */
    static List<Trial> history(Sampler s, int n) {
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = s.sample(spaceOf(s), List.copyOf(trials), i);
            double lr = ((Number) p.get("lr")).doubleValue();
            double acc = 1 - Math.abs(Math.log10(lr) + 2.5) / 3;
            TrialState state = i % 7 == 3 ? TrialState.PRUNED : i % 11 == 5 ? TrialState.FAILED : TrialState.FINISHED;
            Trial t = Trial.queued(i, p).running("run-" + i).withIntermediate(0, acc / 2);
            trials.add(t.ended(state, state == TrialState.FINISHED ? List.of(acc, 1e-4 * i) : List.of(), null, 1.0, 1e-4));
        }
        return trials;
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void everyValueLiesInsideItsDistributionAndEveryParameterHasOne(Sampler s) {
        List<Trial> trials = history(s, 30);
        for (int n = 30; n < 40; n++) {
            SearchSpace space = spaceOf(s);
            Map<String, Object> p = s.sample(space, trials, n);
            assertThat(p.keySet()).containsExactlyElementsOf(space.distributions().keySet());
            p.forEach((name, v) -> assertThat(space.get(name).contains(v)).as(name + " = " + v).isTrue());
            assertThat(p.get("width")).isInstanceOf(Long.class);
            assertThat(p.get("optimizer")).isIn("adam", "sgd", "adamw");
        }
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void theSameSeedNumberAndHistoryGiveTheSameValues(Sampler s) {
        List<Trial> trials = history(s, 30);
        List<Trial> copy = List.copyOf(trials);
        Map<String, Object> first = s.sample(spaceOf(s), trials, 30);
        assertThat(s.sample(spaceOf(s), trials, 30)).isEqualTo(first);
        assertThat(trials).isEqualTo(copy);
    }

    @ParameterizedTest
    @MethodSource("samplers")
    void differentTrialNumbersGiveDifferentValues(Sampler s) {
        List<Trial> trials = history(s, 12);
        long distinct = Stream.of(12, 13, 14, 15, 16).map(n -> s.sample(spaceOf(s), trials, n)).distinct().count();
        assertThat(distinct).isGreaterThanOrEqualTo(4);
    }

    @org.junit.jupiter.api.Test
    void anotherSeedGivesAnotherSequence() {
        Map<String, Object> a = new RandomSampler(1).sample(SPACE, List.of(), 0);
        Map<String, Object> b = new RandomSampler(2).sample(SPACE, List.of(), 0);
        assertThat(a).isNotEqualTo(b);
    }

    @org.junit.jupiter.api.Test
    void randomDrawsEveryChoiceAndGridPointAboutEquallyOften() {
        SearchSpace s = new SearchSpace(List.of(Parameter.ofChoices("c", List.of("a", "b", "c", "d"), null),
                Parameter.ofInt("k", 0, 4, 1, null)));
        RandomSampler r = new RandomSampler(3);
        Map<Object, Integer> choices = new java.util.HashMap<>();
        Map<Object, Integer> ints = new java.util.HashMap<>();
        int n = 8000;
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = r.sample(s, List.of(), i);
            choices.merge(p.get("c"), 1, Integer::sum);
            ints.merge(p.get("k"), 1, Integer::sum);
        }
        // binomial sd of a count at p = 1/4 is sqrt(8000 * 0.25 * 0.75) ~ 39, at 1/5 ~ 36: 5 sd bounds
        assertThat(choices.values()).allSatisfy(c -> assertThat(c).isBetween(2000 - 195, 2000 + 195));
        assertThat(ints.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
        assertThat(ints.values()).allSatisfy(c -> assertThat(c).isBetween(1600 - 180, 1600 + 180));
    }

    @org.junit.jupiter.api.Test
    void theGridGivesEveryCombinationOnceThenRefuses() {
        SearchSpace s = new SearchSpace(List.of(Parameter.ofChoices("c", List.of("a", "b", "c"), null),
                new Parameter("x", "float", 0.0, 1.0, false, 0.25, null, null)));
        GridSampler g = new GridSampler(5);
        assertThat(g.size(s)).hasValue(15);
        java.util.Set<Map<String, Object>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 15; i++) {
            seen.add(g.sample(s, List.of(), i));
        }
        assertThat(seen).hasSize(15);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.sample(s, List.of(), 15))
                .hasMessageContaining("15 points");
    }
}
