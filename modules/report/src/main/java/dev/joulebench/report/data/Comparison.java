package dev.joulebench.report.data;

import java.util.List;

/**
 * A comparison file ({@code <workspace>/comparisons/<id>.json}, written by {@code joulebench compare}): its id,
 * what it compared, and its runs in table order.
 */
public record Comparison(String id, String dataset, String model, List<String> runIds) {
    public Comparison {
        runIds = List.copyOf(runIds);
    }
}
