package dev.joulebench.report.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The Pareto front of "less energy, more accuracy": the points no other point beats on both. */
public final class Pareto {
    private Pareto() {}

    /** The front in order of rising cost; points with a non-finite cost or value are left out. */
    public static <T> List<T> front(List<T> points, ToDoubleFunction<T> cost, ToDoubleFunction<T> value) {
        List<T> sorted = points.stream()
                .filter(p -> Double.isFinite(cost.applyAsDouble(p)) && Double.isFinite(value.applyAsDouble(p)))
                .sorted(Comparator.comparingDouble(cost).thenComparing(Comparator.comparingDouble(value).reversed()))
                .toList();
        List<T> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (T p : sorted) {
            double v = value.applyAsDouble(p);
            if (v > best) {
                front.add(p);
                best = v;
            }
        }
        return front;
    }
}
