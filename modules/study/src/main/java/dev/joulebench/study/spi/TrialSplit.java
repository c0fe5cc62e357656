package dev.joulebench.study.spi;

import dev.joulebench.study.Direction;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TPE's split of the trials so far into the good ({@code below}) and the rest ({@code above}), as Optuna's
 * {@code _split_trials}: the best {@code nBelow} finished trials (by value, or for several objectives by
 * non-domination rank with the last rank cut by greedy hypervolume contribution), then, if places are left,
 * the pruned trials that got furthest and best; running trials always above. Both lists in trial-number order.
 */
record TrialSplit(List<Trial> below, List<Trial> above) {
    static TrialSplit of(List<Trial> trials, int nBelow, List<Objective> objectives, Direction intermediateDirection) {
        List<Trial> finished = new ArrayList<>();
        List<Trial> pruned = new ArrayList<>();
        List<Trial> running = new ArrayList<>();
        for (Trial t : trials) {
            if (t.state() == TrialState.RUNNING) {
                running.add(t);
            } else if (t.state() == TrialState.FINISHED) {
                finished.add(t);
            } else if (t.state() == TrialState.PRUNED) {
                pruned.add(t);
            }
        }
        List<Trial> below = new ArrayList<>();
        List<Trial> above = new ArrayList<>(running);
        List<Trial> bestFinished = objectives.size() == 1 ? bestByValue(finished, nBelow, objectives.get(0).direction())
                : bestByRank(finished, nBelow, objectives);
        below.addAll(bestFinished);
        finished.stream().filter(t -> !bestFinished.contains(t)).forEach(above::add);
        int left = Math.max(0, nBelow - bestFinished.size());
        pruned.sort(Comparator.<Trial>comparingInt(t -> -t.lastStep())
                .thenComparingDouble(t -> prunedScore(t, intermediateDirection)));
        for (int i = 0; i < pruned.size(); i++) {
            (i < left ? below : above).add(pruned.get(i));
        }
        below.sort(Comparator.comparingInt(Trial::number));
        above.sort(Comparator.comparingInt(Trial::number));
        return new TrialSplit(below, above);
    }

    /** The last intermediate value as a loss; NaN ranks last. */
    private static double prunedScore(Trial t, Direction d) {
        if (t.intermediate().isEmpty()) {
            return 0.0;
        }
        double v = t.intermediate().get(t.lastStep());
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : d.loss(v);
    }

    private static List<Trial> bestByValue(List<Trial> finished, int nBelow, Direction d) {
        List<Trial> sorted = new ArrayList<>(finished);
        sorted.sort(Comparator.comparingDouble(t -> d.loss(t.value())));
        return new ArrayList<>(sorted.subList(0, Math.min(nBelow, sorted.size())));
    }

    private static List<Trial> bestByRank(List<Trial> finished, int nBelow, List<Objective> objectives) {
        int n = Math.min(nBelow, finished.size());
        if (n == 0) {
            return new ArrayList<>();
        }
        if (n == finished.size()) {
            return new ArrayList<>(finished);
        }
        double[][] losses = Pareto.losses(finished, objectives);
        int[] rank = Pareto.ranks(losses);
        List<Trial> chosen = new ArrayList<>();
        int r = 0;
        while (true) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < rank.length; i++) {
                if (rank[i] == r) {
                    members.add(i);
                }
            }
            if (chosen.size() + members.size() <= n) {
                members.forEach(i -> chosen.add(finished.get(i)));
                r++;
                if (chosen.size() == n) {
                    return chosen;
                }
            } else {
                for (int i : greedyHypervolume(losses, members, n - chosen.size())) {
                    chosen.add(finished.get(i));
                }
                return chosen;
            }
        }
    }

    /**
     * {@code k} of the {@code members} chosen one at a time by largest hypervolume gain (Optuna's HSSP
     * tie-break), against a reference point just beyond the members' worst values.
     */
    private static List<Integer> greedyHypervolume(double[][] losses, List<Integer> members, int k) {
        int m = losses[0].length;
        double[] reference = new double[m];
        for (int j = 0; j < m; j++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int i : members) {
                worst = Math.max(worst, losses[i][j]);
            }
            double ref = Math.max(1.1 * worst, 0.9 * worst);
            reference[j] = ref == 0 ? 1e-12 : ref;
        }
        List<Integer> picked = new ArrayList<>();
        Set<Integer> left = new HashSet<>(members);
        while (picked.size() < k) {
            int best = -1;
            double bestVolume = Double.NEGATIVE_INFINITY;
            for (int i : members) {
                if (!left.contains(i)) {
                    continue;
                }
                double[][] with = new double[picked.size() + 1][];
                for (int p = 0; p < picked.size(); p++) {
                    with[p] = losses[picked.get(p)];
                }
                with[picked.size()] = losses[i];
                double v = Pareto.hypervolume(with, reference);
                if (v > bestVolume) {
                    bestVolume = v;
                    best = i;
                }
            }
            picked.add(best);
            left.remove(best);
        }
        return picked;
    }
}
