package dev.joulebench.study;

import dev.joulebench.study.spi.GridSampler;
import dev.joulebench.study.spi.RandomSampler;
import dev.joulebench.study.spi.TpeSampler;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Picks the parameter values of the next trial from the trials so far. Deterministic: the same seed, trial
 * number and history give the same values, so a resumed study continues the sequence it would have had.
 *
 * <p>Contract (checked for every implementation by {@code SamplerContract}): every value lies in its
 * distribution, every parameter of the space has one, and the call never modifies {@code trials}.
 */
public interface Sampler {
    /**
     * @param trials every trial so far in any state, the one being sampled not among them
     * @param number the number the new trial will get
     */
    Map<String, Object> sample(SearchSpace space, List<Trial> trials, int number);

    /** Short name recorded in the study (tpe, random, grid). */
    String name();

    /** How many distinct trials the sampler can give, when it is finite (a grid). */
    default OptionalLong size(SearchSpace space) {
        return OptionalLong.empty();
    }

    /** The sampler a study spec names, seeded with its seed. */
    static Sampler of(StudySpec spec) {
        return switch (spec.sampler()) {
            case "random" -> new RandomSampler(spec.seed());
            case "grid" -> new GridSampler(spec.seed());
            case "tpe" -> new TpeSampler(spec.seed(), spec.startupTrials(), spec.candidates(), spec.objectives());
            default -> throw new IllegalArgumentException("no sampler '" + spec.sampler() + "': one of " + StudySpec.SAMPLERS);
        };
    }
}
