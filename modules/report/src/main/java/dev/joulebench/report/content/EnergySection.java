package dev.joulebench.report.content;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.EnergyReport;
import dev.joulebench.report.data.EnergySource;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Paragraph;
import java.util.ArrayList;
import java.util.List;

/** The Energy section: energy per source and phase, power and cumulative energy charts. */
final class EnergySection {
    private final RunCharts charts;

    EnergySection(RunCharts charts) {
        this.charts = charts;
    }

    void write(RunData run, Blocks b) {
        b.section("Energy");
        EnergyReport e = run.energy();
        if (e == null) {
            b.body("The run recorded no energy report (measured with --no-energy, or it ended before its end was "
                    + "written). " + (run.power().rows().isEmpty() ? "" : "Its power.csv holds "
                    + Fmt.kwh(run.replayedKwh()) + " (" + Fmt.energy(run.replayedKwh()) + "), replayed through the "
                    + "energy module's ledger, and is charted below; CO₂e and water need the run's footprint settings, "
                    + "which it did not record."));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (EnergySource s : e.sources()) {
                rows.add(List.of(s.id(), s.kind(), s.method() + (s.how().isEmpty() ? "" : " (" + s.how() + ")"),
                        kwhCell(s.kwh()), Fmt.watts(s.averageWatts()), Fmt.count(s.samples()),
                        s.failedReads() + (s.unmeasuredSeconds() > 0 ? " (" + Fmt.seconds(s.unmeasuredSeconds())
                                + " unmeasured)" : ""), s.description()));
            }
            rows.add(List.of("total", "", ReportText.energyMethod(run), kwhCell(e.itKwh()), "", "", "",
                    "IT energy; × PUE " + Fmt.fixed(e.assumptions().pue(), 2) + " = " + Fmt.kwh(e.facilityKwh())
                            + " at the facility"));
            b.add(Blocks.table(List.of("source", "kind", "method", "energy kWh", "mean power", "samples",
                    "failed reads", "how it was obtained"), rows, new double[] {0.55, 0.45, 1.1, 0.8, 0.7, 0.65, 0.6, 3.4},
                    new boolean[] {false, false, false, true, true, true, true, false},
                    "Each source as run.json records it: measured (an energy counter, or power readings integrated) "
                            + "or estimated (a model), with what the sensor assumed."));
            if (!e.phasesKwh().isEmpty()) {
                double total = e.phasesKwh().values().stream().mapToDouble(Double::doubleValue).sum();
                List<List<String>> phases = new ArrayList<>();
                e.phasesKwh().forEach((phase, kwh) -> phases.add(List.of(phase, Fmt.kwh(kwh), Fmt.energy(kwh),
                        total > 0 ? Fmt.percent(kwh / total) : Fmt.NONE)));
                b.add(Blocks.table(List.of("phase", "energy", "", "share"), phases, new double[] {1.4, 1, 1, 0.8},
                        new boolean[] {false, true, true, true}, "Energy per phase; setup is everything before the "
                                + "job's first phase (loading the dataset and the engine)."));
            }
            double unmeasured = run.number(MetricKeys.ENERGY_UNMEASURED_SECONDS);
            if (unmeasured > 0) {
                b.add(Paragraph.warning("Some power reads failed: up to " + Fmt.seconds(unmeasured) + " of one source "
                        + "went unmeasured, so its energy is a lower bound by that much time."));
            }
        }
        if (!run.power().rows().isEmpty()) {
            b.chart("power", charts.power(run.power()), 0.42, "Power per source from power.csv (" + run.power().rows().size()
                    + " samples); dashed lines are estimated sources.");
            b.chart("cumulative-energy", charts.cumulativeEnergy(run.energyCurve()), 0.42, "Cumulative energy: power.csv replayed "
                    + "through the energy module's ledger (counters first, failed reads left as gaps), the same "
                    + "rules as the live run.");
        } else {
            b.note("No power samples were recorded (power.csv is missing or empty).");
        }
    }

    private static String kwhCell(double kwh) {
        return Fmt.kwh(kwh).replace(" kWh", "");
    }
}
