package dev.joulebench.study.spi;

import dev.joulebench.study.Distribution;
import dev.joulebench.study.Sampler;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Each parameter drawn independently and uniformly (log-uniformly on a log scale), as Optuna's RandomSampler. */
public final class RandomSampler implements Sampler {
    private final long seed;

    public RandomSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Object> sample(SearchSpace space, List<Trial> trials, int number) {
        SplittableRandom rng = TrialRandom.of(seed, number, 0);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            values.put(e.getKey(), e.getValue().toExternal(Uniform.draw(e.getValue(), rng)));
        }
        return values;
    }

    @Override
    public String name() {
        return "random";
    }
}
