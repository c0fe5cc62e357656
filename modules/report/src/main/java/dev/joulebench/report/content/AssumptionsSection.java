package dev.joulebench.report.content;

import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.RunData;
import java.util.ArrayList;
import java.util.List;

/** The Assumptions section: the footprint factors behind CO₂e and water. */
final class AssumptionsSection {
    private AssumptionsSection() {}

    static void write(RunData run, Blocks b) {
        b.section("Assumptions");
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        if (a == null || !a.recorded()) {
            b.body("The run recorded no footprint assumptions.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Grid carbon intensity", Fmt.fixed(a.gridGPerKwh(), 1) + " g CO₂e/kWh, "
                + a.gridCountry() + " (" + a.gridIso3() + ")" + (a.gridYear() > 0 ? ", " + a.gridYear() : "")});
        rows.add(new String[] {"  its source", a.gridSource()});
        rows.add(new String[] {"PUE", Fmt.fixed(a.pue(), 2) + " (facility energy = IT energy × PUE)"});
        rows.add(new String[] {"WUE (on-site water)", Fmt.fixed(a.wueLPerKwh(), 3) + " L/kWh"});
        rows.add(new String[] {"EWIF (water of electricity generation)", Fmt.fixed(a.ewifLPerKwh(), 3) + " L/kWh"
                + (a.ewifYear() > 0 ? ", data to " + a.ewifYear() : "") + (a.ewifBasis().isEmpty() ? "" : "; "
                + a.ewifBasis())});
        rows.add(new String[] {"  its source", a.ewifSource()});
        rows.add(new String[] {"Embodied emissions", Double.isFinite(a.embodiedKg()) ? Fmt.co2e(a.embodiedKg())
                + " (the hardware's manufacturing share for the run time)" : "not included (--embodied adds them)"});
        rows.add(new String[] {"Tracking mode", a.trackingMode() + (a.trackingMode().equals("process")
                ? " (this process's CPU share only)" : " (the whole machine)")});
        rows.add(new String[] {"Power sampling", Fmt.fixed(a.samplingHz(), 1) + " Hz"});
        for (String nf : a.notFound()) {
            rows.add(new String[] {"Sensor not found", nf});
        }
        b.keyValues(rows, "CO₂e = IT energy × PUE × grid intensity (+ embodied share); water = IT energy × (WUE + PUE "
                + "× EWIF). The figures and their sources are Joulebench's own tables in assets/energy.");
        if (run.energy() != null && Double.isFinite(run.energy().waterOnsiteL())) {
            b.note("Water: " + Fmt.water(run.energy().waterOnsiteL()) + " on-site + " + Fmt.water(
                    run.energy().waterOffsiteL()) + " for electricity generation = " + Fmt.water(run.waterL())
                    + ". emissions.csv's water_consumed is CodeCarbon's on-site figure only.");
        }
    }
}
