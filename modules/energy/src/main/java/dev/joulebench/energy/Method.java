package dev.joulebench.energy;

/** How a figure was obtained; every energy number carries one, best first. */
public enum Method {
    /** Differences of a hardware energy counter (RAPL energy_uj, NVML total energy). */
    MEASURED_COUNTER("measured", "energy counter"),
    /** Hardware power readings integrated over time (trapezoid rule). */
    MEASURED_POWER("measured", "power readings integrated"),
    /** A model, e.g. TDP x (0.1 + 0.9 x load^3), or a per-GB constant. */
    ESTIMATED("estimated", "model");

    private final String label;
    private final String how;

    Method(String label, String how) {
        this.label = label;
        this.how = how;
    }

    /** "measured" or "estimated". */
    public String label() {
        return label;
    }

    public String how() {
        return how;
    }

    /** "measured (energy counter)", "estimated (model)", ...: what a figure is and how it was obtained. */
    public String summary() {
        return label + " (" + how + ")";
    }
}
