package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.FootprintTotals;
import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.app.panes.model.SpectrumView;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.util.Locale;
import java.util.Map;

/** The panes' text lines: the run's footprint totals and the cursor's read-out. */
final class PanesText {
    private PanesText() {}

    /** Energy, CO2e and water of the shown run (the run's own figures once it finished). */
    static String totals(PanesData.Info info, Footprint footprint, FootprintSettings settings) {
        if (info.title().isEmpty()) {
            return "";
        }
        FootprintTotals f = FootprintTotals.of(info.kwh(), footprint, settings);
        double co2 = info.finished() && !Double.isNaN(info.reportedCo2eKg()) ? info.reportedCo2eKg() : f.co2eKg();
        double water = info.finished() && !Double.isNaN(info.reportedWaterL()) ? info.reportedWaterL() : f.waterL();
        String waterText = water < 0.1 ? String.format(Locale.ROOT, "%.3g mL", water * 1000)
                : String.format(Locale.ROOT, "%.3g L", water);
        return String.format(Locale.ROOT, "energy %.3g kWh   CO₂e %.3g g   water %s on-site + generation   (%s %.0f g/kWh, PUE %.2f)",
                info.kwh(), co2 * 1000, waterText, f.country(), f.gPerKwh(), f.pue());
    }

    /** Time and step at the cursor, the nearest power reading per source with its method, the spectrum shown. */
    static String readout(double t, double step, PowerReading r, SpectrumView v) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "t %.2f s", t));
        if (!Double.isNaN(step)) {
            sb.append(String.format(Locale.ROOT, "   step %.0f", step));
        }
        if (r != null) {
            sb.append(String.format(Locale.ROOT, "   power at %.2f s:", r.t()));
            for (Map.Entry<String, Double> w : r.watts().entrySet()) {
                sb.append(String.format(Locale.ROOT, " %s %.1f W (%s)", w.getKey(), w.getValue(),
                        r.methods().getOrDefault(w.getKey(), "?")));
            }
        }
        if (v != null) {
            sb.append("   spectrum: ").append(v.label());
        }
        return sb.toString();
    }
}
