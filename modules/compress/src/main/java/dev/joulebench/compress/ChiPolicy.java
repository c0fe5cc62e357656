package dev.joulebench.compress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks a χ per layer from a sensitivity profile (CompactifAI): every layer starts dense and the policy
 * repeatedly lowers the χ of the layer whose next step down costs the least profiled accuracy per
 * parameter saved. It aims either for a size (stop once the weights fit) or for an accuracy budget
 * (stop before the summed per-layer drops exceed it). Summing drops assumes layers hurt independently —
 * the profile measures each layer alone — so the predicted drop is an estimate to check by evaluating.
 */
public final class ChiPolicy {
    /**
     * @param layers      layer names
     * @param denseParams weight parameters of each layer uncompressed
     * @param chis        profiled χ values, ascending
     * @param params      params[layer][chi index] of the MPO at that χ
     * @param accuracy    accuracy[layer][chi index] with only that layer compressed
     * @param baseline    accuracy of the uncompressed model
     */
    public record Profile(List<String> layers, long[] denseParams, int[] chis, long[][] params, double[][] accuracy,
                          double baseline) {}

    /**
     * @param chi            per layer: the chosen χ, or null to keep the layer dense
     * @param params         weight parameters of the chosen layers in total
     * @param predictedDrop  sum of the per-layer profiled drops
     * @param reached        whether the size target (or budget) was met
     */
    public record Choice(Map<String, Integer> chi, long params, double predictedDrop, boolean reached) {}

    private ChiPolicy() {}

    /** Smallest predicted drop that brings the weights to at most {@code maxParams}. */
    public static Choice forSize(Profile p, long maxParams) {
        int[] at = start(p);
        while (total(p, at) > maxParams) {
            int best = bestMove(p, at, Double.POSITIVE_INFINITY, drop(p, at));
            if (best < 0) {
                return choice(p, at, false);
            }
            at[best]--;
        }
        return choice(p, at, true);
    }

    /** Fewest parameters whose summed profiled drop stays within {@code maxDrop}. */
    public static Choice forAccuracyBudget(Profile p, double maxDrop) {
        int[] at = start(p);
        while (true) {
            int best = bestMove(p, at, maxDrop, drop(p, at));
            if (best < 0) {
                return choice(p, at, true);
            }
            at[best]--;
        }
    }

    /** Position per layer: chis.length means dense, k means chis[k]. */
    private static int[] start(Profile p) {
        int[] at = new int[p.layers().size()];
        java.util.Arrays.fill(at, p.chis().length);
        return at;
    }

    private static long paramsAt(Profile p, int layer, int pos) {
        return pos == p.chis().length ? p.denseParams()[layer] : p.params()[layer][pos];
    }

    private static double dropAt(Profile p, int layer, int pos) {
        return pos == p.chis().length ? 0 : Math.max(0, p.baseline() - p.accuracy()[layer][pos]);
    }

    private static long total(Profile p, int[] at) {
        long n = 0;
        for (int l = 0; l < at.length; l++) {
            n += paramsAt(p, l, at[l]);
        }
        return n;
    }

    private static double drop(Profile p, int[] at) {
        double d = 0;
        for (int l = 0; l < at.length; l++) {
            d += dropAt(p, l, at[l]);
        }
        return d;
    }

    /** The layer whose step down saves parameters at the least extra drop per parameter; -1 if none fits. */
    private static int bestMove(Profile p, int[] at, double maxDrop, double currentDrop) {
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int l = 0; l < at.length; l++) {
            if (at[l] == 0) {
                continue;
            }
            long saved = paramsAt(p, l, at[l]) - paramsAt(p, l, at[l] - 1);
            if (saved <= 0) {
                continue;
            }
            double extra = dropAt(p, l, at[l] - 1) - dropAt(p, l, at[l]);
            if (currentDrop + extra > maxDrop + 1e-12) {
                continue;
            }
            double cost = Math.max(extra, 0) / saved;
            if (cost < bestCost) {
                bestCost = cost;
                best = l;
            }
        }
        return best;
    }

    private static Choice choice(Profile p, int[] at, boolean reached) {
        Map<String, Integer> chi = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>(p.layers());
        for (int l = 0; l < at.length; l++) {
            chi.put(layers.get(l), at[l] == p.chis().length ? null : p.chis()[at[l]]);
        }
        return new Choice(chi, total(p, at), drop(p, at), reached);
    }
}
