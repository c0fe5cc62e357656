package dev.joulebench.app.panes.model;

import java.util.Map;

/**
 * One sampler tick: watts per source and whether each is measured or estimated.
 *
 * @param t       seconds since the run started
 * @param watts   per source id (cpu, ram, gpu0, ...)
 * @param methods per source id: "measured" or "estimated"
 */
public record PowerReading(double t, Map<String, Double> watts, Map<String, String> methods) {
    public PowerReading {
        watts = Map.copyOf(watts);
        methods = Map.copyOf(methods);
    }

    /** Sum over sources. */
    public double totalWatts() {
        return watts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
