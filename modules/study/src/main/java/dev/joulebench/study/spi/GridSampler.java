package dev.joulebench.study.spi;

import dev.joulebench.study.Distribution;
import dev.joulebench.study.Sampler;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.Trial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * Every combination of the parameters' grid points (choices, ints by step, floats by step), each once, in a
 * seeded random order as Optuna's GridSampler visits them; trial {@code n} takes the {@code n}-th combination.
 */
public final class GridSampler implements Sampler {
    /** Grids larger than this are refused: enumerate fewer points or use another sampler. */
    public static final long MAX_GRID = 1_000_000;
    private final long seed;

    public GridSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public Map<String, Object> sample(SearchSpace space, List<Trial> trials, int number) {
        List<List<Object>> axes = axes(space);
        long total = total(axes);
        if (number >= total) {
            throw new IllegalStateException("the grid has " + total + " points and all have been given");
        }
        long index = permuted(number, total);
        Map<String, Object> values = new LinkedHashMap<>();
        int i = axes.size() - 1;
        List<String> names = new ArrayList<>(space.distributions().keySet());
        Object[] picked = new Object[axes.size()];
        for (; i >= 0; i--) {
            int n = axes.get(i).size();
            picked[i] = axes.get(i).get((int) (index % n));
            index /= n;
        }
        for (int k = 0; k < names.size(); k++) {
            values.put(names.get(k), picked[k]);
        }
        return values;
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    public OptionalLong size(SearchSpace space) {
        return OptionalLong.of(total(axes(space)));
    }

    /** The grid index of trial {@code number}: a seeded shuffle of 0..total-1 (Fisher-Yates, small grids cached). */
    private long permuted(int number, long total) {
        long[] order = new long[(int) total];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order[number];
    }

    private static long total(List<List<Object>> axes) {
        long t = 1;
        for (List<Object> a : axes) {
            t = Math.multiplyExact(t, a.size());
            if (t > MAX_GRID) {
                throw new IllegalArgumentException("the grid has more than " + MAX_GRID + " points; give fewer values");
            }
        }
        return t;
    }

    private static List<List<Object>> axes(SearchSpace space) {
        List<List<Object>> axes = new ArrayList<>();
        for (Distribution d : space.distributions().values()) {
            List<Object> points = new ArrayList<>();
            if (d instanceof Distribution.Choices c) {
                points.addAll(c.choices());
            } else if (d instanceof Distribution.IntRange r) {
                if ((r.high() - r.low()) / r.step() >= MAX_GRID) {
                    throw new IllegalArgumentException("the grid has more than " + MAX_GRID + " points; give fewer values");
                }
                for (long v = r.low(); v <= r.high(); v += r.step()) {
                    points.add(v);
                }
            } else if (d instanceof Distribution.FloatRange r) {
                if (r.step() == null) {
                    throw new IllegalArgumentException("the grid sampler needs a step for every float parameter");
                }
                long n = Math.round(Math.floor((r.high() - r.low()) / r.step() + 1e-9)) + 1;
                if (n > MAX_GRID) {
                    throw new IllegalArgumentException("the grid has more than " + MAX_GRID + " points; give fewer values");
                }
                for (long k = 0; k < n; k++) {
                    points.add(r.low() + k * r.step());
                }
            }
            axes.add(points);
        }
        return axes;
    }
}
