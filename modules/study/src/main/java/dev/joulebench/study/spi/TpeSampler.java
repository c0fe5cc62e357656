package dev.joulebench.study.spi;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Distribution;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Sampler;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Tree-structured Parzen Estimator with Optuna's semantics and defaults (TPESampler, univariate): random
 * for the first {@code startupTrials} finished or pruned trials; then, per parameter, the trials are split
 * into the best {@code gamma(n) = min(ceil(0.1 n), 25)} and the rest ({@link TrialSplit}; running trials count
 * as the rest, Optuna's constant liar), a Parzen estimator is fitted to each side ({@link ParzenEstimator},
 * observations weighted by Optuna's ramp), {@code candidates} values are drawn from the good side, and the one
 * with the largest {@code log l(x) - log g(x)} is taken.
 *
 * <p>With several objectives it is MOTPE as in Optuna: {@code gamma(n) = ceil(0.1 n)}, the good side chosen by
 * non-domination rank (hypervolume for the last rank) and weighted equally.
 */
public final class TpeSampler implements Sampler {
    private final long seed;
    private final int startupTrials;
    private final int candidates;
    private final List<Objective> objectives;
    private final Direction intermediateDirection;

    public TpeSampler(long seed, int startupTrials, int candidates, List<Objective> objectives) {
        this(seed, startupTrials, candidates, objectives, Direction.MAXIMIZE);
    }

    public TpeSampler(long seed, int startupTrials, int candidates, List<Objective> objectives,
                      Direction intermediateDirection) {
        if (startupTrials < 0 || candidates < 1 || objectives.isEmpty()) {
            throw new IllegalArgumentException("TPE needs startupTrials >= 0, candidates >= 1 and an objective");
        }
        this.seed = seed;
        this.startupTrials = startupTrials;
        this.candidates = candidates;
        this.objectives = List.copyOf(objectives);
        this.intermediateDirection = intermediateDirection;
    }

    @Override
    public Map<String, Object> sample(SearchSpace space, List<Trial> trials, int number) {
        List<Trial> considered = trials.stream().filter(t -> t.number() != number && (t.state() == TrialState.FINISHED
                || t.state() == TrialState.PRUNED || t.state() == TrialState.RUNNING)).toList();
        long ended = considered.stream().filter(t -> t.state() != TrialState.RUNNING).count();
        Map<String, Object> values = new LinkedHashMap<>();
        if (ended < startupTrials) {
            SplittableRandom rng = TrialRandom.of(seed, number, 0);
            space.distributions().forEach((n, d) -> values.put(n, d.toExternal(Uniform.draw(d, rng))));
            return values;
        }
        TrialSplit split = TrialSplit.of(considered, gamma((int) ended), objectives, intermediateDirection);
        int purpose = 1;
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            SplittableRandom rng = TrialRandom.of(seed, number, purpose++);
            values.put(e.getKey(), e.getValue().toExternal(sampleOne(e.getKey(), e.getValue(), split, rng)));
        }
        return values;
    }

    /** Optuna's default gamma: the size of the good side. */
    int gamma(int n) {
        int g = (int) Math.ceil(0.1 * n);
        return objectives.size() == 1 ? Math.min(g, 25) : g;
    }

    /** Optuna's default weights: flat for the newest 25, a ramp from 1/n up for the older ones. */
    static double[] weights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1.0;
        }
        return w;
    }

    private double sampleOne(String name, Distribution d, TrialSplit split, SplittableRandom rng) {
        double[] below = internal(name, d, split.below());
        double[] above = internal(name, d, split.above());
        double[] belowWeights = objectives.size() == 1 ? weights(below.length) : ones(below.length);
        ParzenEstimator good = new ParzenEstimator(d, below, belowWeights);
        ParzenEstimator rest = new ParzenEstimator(d, above, weights(above.length));
        double[] drawn = good.sample(rng, candidates);
        double best = drawn[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double x : drawn) {
            double score = good.logPdf(x) - rest.logPdf(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private static double[] internal(String name, Distribution d, List<Trial> trials) {
        List<Double> v = new ArrayList<>();
        for (Trial t : trials) {
            Object x = t.params().get(name);
            if (x != null && d.contains(x)) {
                v.add(d.toInternal(x));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    public String name() {
        return objectives.size() == 1 ? "tpe" : "motpe";
    }
}
