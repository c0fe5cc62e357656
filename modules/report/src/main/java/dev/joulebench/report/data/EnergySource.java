package dev.joulebench.report.data;

/**
 * One power source of run.json's energy report.
 *
 * @param method      "measured" or "estimated"
 * @param how         "energy counter", "power readings integrated", "model"
 * @param description what the sensor is and what it assumed, as the run recorded it
 * @param unmeasuredSeconds time next to failed reads left out: the figure is a lower bound by that much
 */
public record EnergySource(String id, String kind, String method, String how, String description, double kwh,
                           double averageWatts, int samples, int failedReads, double unmeasuredSeconds) {
    public boolean estimated() {
        return "estimated".equals(method);
    }
}
