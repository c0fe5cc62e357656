package dev.joulebench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParameterImportanceTest {
    static final SearchSpace SPACE = new SearchSpace(List.of(Parameter.ofFloat("lr", 1e-4, 1, true, null),
            Parameter.ofFloat("noise", 0, 1, false, null), Parameter.ofChoices("opt", List.of("a", "b"), null)));

    static List<Trial> trials(java.util.function.ToDoubleFunction<Map<String, Object>> f) {
        SplittableRandom r = new SplittableRandom(1);
        List<Trial> t = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> p = Map.of("lr", Math.pow(10, -4 + 4 * r.nextDouble()), "noise", r.nextDouble(),
                    "opt", r.nextBoolean() ? "a" : "b");
            t.add(Trial.queued(i, p).running("r").ended(TrialState.FINISHED, List.of(f.applyAsDouble(p)), null, 1.0, null));
        }
        return t;
    }

    @Test
    void theParameterTheObjectiveDependsOnGetsNearlyAllTheImportance() {
        Map<String, Double> imp = ParameterImportance.of(trials(p -> Math.log10((Double) p.get("lr"))), SPACE, 0);
        assertThat(imp.keySet()).first().isEqualTo("lr");
        assertThat(imp.get("lr")).isGreaterThan(0.95);
        assertThat(imp.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aCategoricalEffectIsFoundExactlyAndTwoEqualEffectsShareEvenly() {
        Map<String, Double> cat = ParameterImportance.of(trials(p -> "a".equals(p.get("opt")) ? 1 : 0), SPACE, 0);
        // the choice explains all the variance (eta^2 = 1); the others explain only sampling noise
        assertThat(cat.get("opt")).isGreaterThan(0.9);
        Map<String, Double> both = ParameterImportance.of(trials(p -> ("a".equals(p.get("opt")) ? 1 : 0)
                + ((Double) p.get("noise") > 0.5 ? 1 : 0)), SPACE, 0);
        assertThat(both.get("opt")).isCloseTo(both.get("noise"), within(0.15));
        assertThat(both.get("lr")).isLessThan(0.1);
    }

    @Test
    void tooFewFinishedTrialsGiveNoImportance() {
        assertThat(ParameterImportance.of(trials(p -> 1).subList(0, 2), SPACE, 0)).isEmpty();
    }
}
