package dev.joulebench.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Non-dominated sorting and hypervolume over objective values given as losses (smaller is better in each). */
public final class Pareto {
    private Pareto() {}

    /** Whether {@code a} dominates {@code b}: no worse in every objective and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /** Each point's non-domination rank: 0 for the Pareto front, 1 for the front once it is removed, ... */
    public static int[] ranks(double[][] losses) {
        int n = losses.length;
        int[] rank = new int[n];
        int[] dominatedBy = new int[n];
        List<List<Integer>> dominates = new ArrayList<>();
        List<Integer> front = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dominates.add(new ArrayList<>());
            for (int j = 0; j < n; j++) {
                if (i != j && dominates(losses[i], losses[j])) {
                    dominates.get(i).add(j);
                } else if (i != j && dominates(losses[j], losses[i])) {
                    dominatedBy[i]++;
                }
            }
            if (dominatedBy[i] == 0) {
                front.add(i);
            }
        }
        int r = 0;
        while (!front.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int i : front) {
                rank[i] = r;
                for (int j : dominates.get(i)) {
                    if (--dominatedBy[j] == 0) {
                        next.add(j);
                    }
                }
            }
            front = next;
            r++;
        }
        return rank;
    }

    /** The finished trials no other finished trial dominates, by trial number. */
    public static List<Trial> front(List<Trial> trials, List<Objective> objectives) {
        List<Trial> done = trials.stream().filter(t -> t.state() == TrialState.FINISHED
                && t.values().size() == objectives.size() && t.values().stream().allMatch(Double::isFinite)).toList();
        double[][] losses = losses(done, objectives);
        int[] rank = ranks(losses);
        List<Trial> front = new ArrayList<>();
        for (int i = 0; i < done.size(); i++) {
            if (rank[i] == 0) {
                front.add(done.get(i));
            }
        }
        front.sort(Comparator.comparingInt(Trial::number));
        return front;
    }

    /** Each trial's values as losses: maximised objectives negated. */
    public static double[][] losses(List<Trial> trials, List<Objective> objectives) {
        double[][] l = new double[trials.size()][objectives.size()];
        for (int i = 0; i < trials.size(); i++) {
            for (int j = 0; j < objectives.size(); j++) {
                l[i][j] = objectives.get(j).direction().loss(trials.get(i).values().get(j));
            }
        }
        return l;
    }

    /**
     * The volume dominated by {@code points} and bounded by {@code reference} (which every point should be below):
     * exact, by slicing along the last objective (fine for the few dozen points a study's front holds).
     */
    public static double hypervolume(double[][] points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean below = true;
            for (int i = 0; i < p.length; i++) {
                below &= p[i] < reference[i];
            }
            if (below) {
                inside.add(p);
            }
        }
        return volume(inside, reference, reference.length);
    }

    private static double volume(List<double[]> points, double[] reference, int dims) {
        if (points.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            double best = reference[0];
            for (double[] p : points) {
                best = Math.min(best, p[0]);
            }
            return reference[0] - best;
        }
        int last = dims - 1;
        double[][] sorted = points.toArray(new double[0][]);
        Arrays.sort(sorted, Comparator.comparingDouble(p -> p[last]));
        double total = 0;
        List<double[]> slab = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            slab.add(sorted[i]);
            double top = i + 1 < sorted.length ? sorted[i + 1][last] : reference[last];
            double height = top - sorted[i][last];
            if (height > 0) {
                total += height * volume(slab, reference, last);
            }
        }
        return total;
    }
}
