package dev.joulebench.report.data;

import java.util.List;

/**
 * What turned energy into a footprint, as run.json's energy report recorded it. NaN or "" where the run did not
 * record a figure (an older run, or one measured with --no-energy).
 *
 * @param gridIso3          country code of the grid intensity
 * @param gridCountry       country name
 * @param gridGPerKwh       grid carbon intensity, g CO2e per kWh
 * @param gridSource        where that figure comes from
 * @param gridYear          its year, 0 when unknown
 * @param pue               power usage effectiveness applied
 * @param wueLPerKwh        on-site water usage effectiveness, L per kWh
 * @param ewifLPerKwh       the country's energy-water intensity factor of electricity generation, L per kWh
 * @param ewifBasis         how the EWIF was formed
 * @param ewifSource        where it comes from
 * @param ewifYear          its year, 0 when unknown
 * @param embodiedKg        embodied CO2e share of the hardware added for the run time, NaN when not asked for
 * @param trackingMode      machine or process
 * @param samplingHz        power sampling rate
 * @param notFound          sensors looked for and not found, with why
 */
public record Assumptions(String gridIso3, String gridCountry, double gridGPerKwh, String gridSource, int gridYear,
                          double pue, double wueLPerKwh, double ewifLPerKwh, String ewifBasis, String ewifSource,
                          int ewifYear, double embodiedKg, String trackingMode, double samplingHz,
                          List<String> notFound) {
    public Assumptions {
        notFound = List.copyOf(notFound);
    }

    public boolean recorded() {
        return !gridIso3.isEmpty() || Double.isFinite(pue);
    }
}
