package dev.joulebench.report.content;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.chart.ComparisonCharts;
import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.Comparison;
import dev.joulebench.report.data.EnergySource;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Code;
import dev.joulebench.report.doc.PageBreak;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.report.doc.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** What a report of several runs (a comparison, a study) holds. */
public final class ComparisonReportContent {
    private final ComparisonCharts charts;

    public ComparisonReportContent(ChartStyle style) {
        this.charts = new ComparisonCharts(style);
    }

    public ReportDocument build(List<RunData> runs, List<Comparison> comparisons, String title) {
        Blocks b = new Blocks();
        overview(runs, comparisons, b);
        table(runs, b);
        tradeOff(runs, b);
        curves(runs, b);
        repeats(runs, b);
        differences(runs, b);
        assumptions(runs, b);
        howToReport(runs, b);
        appendix(runs, b);
        String t = title == null || title.isBlank() ? defaultTitle(runs, comparisons) : title.strip();
        String subtitle = runs.size() + " runs"
                + (comparisons.isEmpty() ? "" : " · " + comparisons.stream().map(Comparison::id)
                .collect(Collectors.joining(", ")))
                + " · " + distinct(runs, RunData::dataset) + " · " + distinct(runs, RunData::model);
        return new ReportDocument(t, subtitle, true, "Joulebench comparison of runs "
                + runs.stream().map(RunData::id).collect(Collectors.joining(", ")), b.list());
    }

    static String defaultTitle(List<RunData> runs, List<Comparison> comparisons) {
        if (comparisons.size() == 1) {
            Comparison c = comparisons.get(0);
            return "Comparison report: " + distinct(runs, RunData::method) + " on " + (c.dataset().isEmpty()
                    ? distinct(runs, RunData::dataset) : c.dataset());
        }
        return "Comparison report: " + runs.size() + " runs (" + distinct(runs, RunData::method) + ")";
    }

    private static String distinct(List<RunData> runs, java.util.function.Function<RunData, String> f) {
        Set<String> values = new LinkedHashSet<>();
        runs.forEach(r -> values.add(f.apply(r)));
        values.remove("");
        if (values.size() > 4) {
            return values.size() + " " + (values.iterator().next().contains(":") ? "models" : "values");
        }
        return String.join(", ", values);
    }

    private static void overview(List<RunData> runs, List<Comparison> comparisons, Blocks b) {
        b.section("Overview");
        long incomplete = runs.stream().filter(RunData::incomplete).count();
        double kwh = runs.stream().mapToDouble(RunData::kwh).filter(Double::isFinite).sum();
        double co2 = runs.stream().mapToDouble(RunData::co2eKg).filter(Double::isFinite).sum();
        double water = runs.stream().mapToDouble(RunData::waterL).filter(Double::isFinite).sum();
        double wall = runs.stream().mapToDouble(RunData::wallSeconds).filter(Double::isFinite).sum();
        RunData best = runs.stream().filter(r -> r.accuracy().present())
                .max((x, y) -> Double.compare(x.accuracy().value(), y.accuracy().value())).orElse(null);
        List<dev.joulebench.report.doc.Tiles.Tile> tiles = new ArrayList<>();
        tiles.add(new dev.joulebench.report.doc.Tiles.Tile("Runs", Integer.toString(runs.size()),
                incomplete == 0 ? "all finished" : incomplete + " not finished"));
        tiles.add(new dev.joulebench.report.doc.Tiles.Tile("Best accuracy", best == null ? Fmt.NONE
                : Fmt.percent(best.accuracy().value()), best == null ? "" : best.label()));
        tiles.add(new dev.joulebench.report.doc.Tiles.Tile("Energy, all runs", Fmt.kwh(kwh), Fmt.energy(kwh)));
        tiles.add(new dev.joulebench.report.doc.Tiles.Tile("CO₂e, all runs", Fmt.co2e(co2), "water "
                + Fmt.water(water)));
        tiles.add(new dev.joulebench.report.doc.Tiles.Tile("Wall time, all runs", Fmt.seconds(wall), "one after "
                + "another"));
        b.add(new dev.joulebench.report.doc.Tiles(tiles));
        if (incomplete > 0) {
            b.add(Paragraph.warning(incomplete + " of the runs did not finish ("
                    + runs.stream().filter(RunData::incomplete).map(r -> "#" + r.shortId() + " " + r.status().json())
                    .collect(Collectors.joining(", ")) + "): their figures cover only what they recorded, and they "
                    + "are left out of the Pareto front and the repeat statistics."));
        }
        for (Comparison c : comparisons) {
            b.note("Comparison " + c.id() + ": " + c.model() + " on " + c.dataset() + ", " + c.runIds().size()
                    + " runs with the same seed, split, batch, epoch budget and early-stopping rule.");
        }
    }

    /** A column of the table of runs: how to read it, print it, and which end is best. */
    private record Column(String name, ToDoubleFunction<RunData> value, DoubleFunction<String> format,
                          int better, double width) {}

    private static void table(List<RunData> runs, Blocks b) {
        b.section("Runs");
        // small runs read better in joules per point than in 0.0000x Wh
        boolean joules = runs.stream().mapToDouble(ComparisonReportContent::whPerPoint).filter(Double::isFinite)
                .max().orElse(0) < 0.01;
        String perPoint = joules ? "J / pt" : "Wh / pt";
        double perPointScale = joules ? 3600 : 1;
        List<Column> cols = List.of(
                new Column("accuracy", r -> r.accuracy().value(), Fmt::percent, +1, 0.85),
                new Column("wall time", RunData::wallSeconds, Fmt::seconds, -1, 0.8),
                new Column("energy", RunData::kwh, v -> Fmt.sig(v), -1, 0.75),
                new Column("CO₂e", RunData::co2eKg, Fmt::co2e, -1, 0.95),
                new Column("water", RunData::waterL, Fmt::water, -1, 0.75),
                new Column(perPoint, r -> whPerPoint(r) * perPointScale, v -> Fmt.sig(v), -1, 0.6),
                new Column("params", RunData::params, Fmt::count, -1, 0.65),
                new Column("peak mem.", RunData::peakMemoryMib, Fmt::mib, -1, 0.65));
        Map<Column, Double> best = new LinkedHashMap<>();
        for (Column c : cols) {
            double v = Double.NaN;
            for (RunData r : runs) {
                double x = c.value().applyAsDouble(r);
                if (Double.isFinite(x) && !r.incomplete() && (Double.isNaN(v) || (c.better() > 0 ? x > v : x < v))) {
                    v = x;
                }
            }
            best.put(c, v);
        }
        List<String> header = new ArrayList<>(List.of("run", "method", "model", "status"));
        cols.forEach(c -> header.add(c.name().equals("energy") ? "energy kWh" : c.name()));
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (RunData r : runs) {
            List<Table.Cell> row = new ArrayList<>(List.of(Table.Cell.of("#" + r.shortId()), Table.Cell.of(r.method()),
                    Table.Cell.of(r.model()), Table.Cell.of(r.status().json())));
            for (Column c : cols) {
                double x = c.value().applyAsDouble(r);
                String text = c.format().apply(x);
                if (c.name().equals("energy") && Double.isFinite(x) && r.estimatedShare() > 0.5) {
                    text += "*";
                }
                row.add(new Table.Cell(text, !r.incomplete() && Double.isFinite(x) && x == best.get(c)));
            }
            rows.add(row);
        }
        double[] widths = new double[header.size()];
        boolean[] numeric = new boolean[header.size()];
        widths[0] = 0.5;
        widths[1] = 0.6;
        widths[2] = 1.25;
        widths[3] = 0.6;
        for (int i = 0; i < cols.size(); i++) {
            widths[4 + i] = cols.get(i).width();
            numeric[4 + i] = true;
        }
        b.add(new Table(header, rows, widths, numeric, "Best value of each column (among finished runs) in bold on "
                + "green. Energy: IT energy in kWh, * = mostly estimated (a model, not a meter). " + perPoint + ": "
                + (joules ? "joules" : "watt-hours") + " per percentage point of accuracy. Run ids are the last 4 characters; the appendix has each run."));
    }

    static double whPerPoint(RunData r) {
        double acc = r.accuracy().value();
        return Double.isFinite(acc) && acc > 0 && Double.isFinite(r.kwh()) ? r.kwh() * 1000 / (acc * 100) : Double.NaN;
    }

    private void tradeOff(List<RunData> runs, Blocks b) {
        List<ComparisonCharts.Point> points = new ArrayList<>();
        for (RunData r : runs) {
            if (!r.incomplete() && r.accuracy().present() && Double.isFinite(r.kwh()) && r.kwh() > 0) {
                points.add(new ComparisonCharts.Point("#" + r.shortId(), r.method(), r.kwh(), r.accuracy().value()));
            }
        }
        if (points.isEmpty()) {
            return;
        }
        b.section("Accuracy and energy");
        List<ComparisonCharts.Point> front = Pareto.front(points, ComparisonCharts.Point::kwh,
                ComparisonCharts.Point::accuracy);
        b.chart("accuracy-vs-energy", charts.accuracyVsEnergy(points, front), 0.55, "Each finished run's accuracy against its IT energy, "
                + "coloured by method; the dashed step line is the Pareto front (no other run is both cheaper and more "
                + "accurate)" + (points.size() > 10 ? ", its runs labelled" : "") + ": " + front.stream().map(ComparisonCharts.Point::label).collect(Collectors.joining(", "))
                + ".");
        double aspect = Math.min(1.1, 0.16 + 0.035 * points.size());
        b.chart("energy-per-accuracy-point", charts.energyPerPoint(points), aspect, "Energy per percentage point of accuracy, cheapest first "
                + "(CodeCarbon's \"CO₂ per accuracy point\" panel, in energy so that runs on different grids compare).");
    }

    private void curves(List<RunData> runs, Blocks b) {
        boolean val = ComparisonCharts.any(runs, MetricKeys.VAL_ACCURACY);
        boolean loss = ComparisonCharts.any(runs, MetricKeys.TRAIN_LOSS);
        boolean energy = runs.stream().anyMatch(r -> !r.energyCurve().isEmpty());
        if (!val && !loss && !energy) {
            return;
        }
        b.section("Curves");
        if (val) {
            b.chart("validation-accuracy", charts.overlay(runs, MetricKeys.VAL_ACCURACY, true, "Validation accuracy", "accuracy (%)", 100),
                    0.5, "Validation accuracy per epoch of every run.");
        }
        if (loss) {
            b.chart("training-loss", charts.overlay(runs, MetricKeys.TRAIN_LOSS, false, "Training loss", "loss", 1), 0.5,
                    "Training loss (mean over a window of steps) against the optimizer step.");
        }
        if (energy) {
            b.chart("cumulative-energy", charts.cumulativeEnergy(runs), 0.5, "Cumulative IT energy of every run since its start, "
                    + "replayed from its power.csv.");
        }
    }

    private static void repeats(List<RunData> runs, Blocks b) {
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : runs) {
            if (!r.incomplete()) {
                groups.computeIfAbsent(SpecDiff.withoutSeed(r.spec()), k -> new ArrayList<>()).add(r);
            }
        }
        List<List<RunData>> repeated = groups.values().stream().filter(g -> g.size() > 1).toList();
        if (repeated.isEmpty()) {
            return;
        }
        b.section("Repeated runs");
        List<List<String>> rows = new ArrayList<>();
        for (List<RunData> g : repeated) {
            RunData first = g.get(0);
            rows.add(List.of(first.method() + " " + first.model(), Integer.toString(g.size()),
                    meanSd(g, r -> r.accuracy().value() * 100, v -> Fmt.fixed(v, 2)) + " %",
                    meanSd(g, r -> r.kwh() * 3.6e6, v -> Fmt.sig(v)) + " J",
                    meanSd(g, r -> r.co2eKg() * 1e6, v -> Fmt.sig(v)) + " mg",
                    meanSd(g, RunData::wallSeconds, v -> Fmt.fixed(v, 1)) + " s",
                    g.stream().map(r -> "#" + r.shortId()).collect(Collectors.joining(" "))));
        }
        b.add(Blocks.table(List.of("spec", "runs", "accuracy", "energy", "CO₂e", "wall time", "which"), rows,
                new double[] {1.6, 0.4, 1, 1, 1, 0.9, 1.4}, new boolean[] {false, true, true, true, true, true, false},
                "Runs whose specs are the same but for the seed, as mean ± sample standard deviation (n − 1)."));
    }

    private static String meanSd(List<RunData> g, ToDoubleFunction<RunData> f, DoubleFunction<String> fmt) {
        Stats s = Stats.of(g.stream().mapToDouble(f).toArray());
        return Fmt.meanSd(s.mean(), s.sd(), fmt);
    }

    private static void differences(List<RunData> runs, Blocks b) {
        List<SpecDiff.Field> fields = SpecDiff.fields(runs.stream().map(RunData::spec).toList());
        List<SpecDiff.Field> differ = fields.stream().filter(f -> !f.same()).toList();
        b.section("Differences between the specs");
        if (differ.isEmpty()) {
            b.body("Every run has the same spec.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (SpecDiff.Field f : differ) {
                Map<String, List<String>> byValue = new LinkedHashMap<>();
                for (int i = 0; i < runs.size(); i++) {
                    byValue.computeIfAbsent(f.values().get(i).isEmpty() ? "(absent)" : f.values().get(i),
                            k -> new ArrayList<>()).add("#" + runs.get(i).shortId());
                }
                rows.add(List.of(f.path(), byValue.entrySet().stream().map(e -> e.getKey() + ": "
                        + String.join(" ", e.getValue())).collect(Collectors.joining(" · "))));
            }
            b.add(Blocks.table(List.of("spec field", "values (and the runs that have them)"), rows,
                    new double[] {1, 4}, new boolean[] {false, false}, null));
        }
        String same = fields.stream().filter(SpecDiff.Field::same).filter(f -> !f.values().get(0).isEmpty())
                .map(f -> f.path() + " = " + f.values().get(0)).collect(Collectors.joining(", "));
        if (!same.isEmpty()) {
            b.note("The same in every run: " + same + ".");
        }
    }

    private static void assumptions(List<RunData> runs, Blocks b) {
        b.section("Assumptions");
        Map<String, List<RunData>> bySetting = new LinkedHashMap<>();
        for (RunData r : runs) {
            Assumptions a = r.energy() == null ? null : r.energy().assumptions();
            String key = a == null || !a.recorded() ? "not recorded" : String.format(Locale.ROOT,
                    "%s (%s), %.1f g CO₂e/kWh (%s%s); PUE %.2f; WUE %.2f L/kWh; EWIF %.3f L/kWh; %s tracking",
                    a.gridCountry(), a.gridIso3(), a.gridGPerKwh(), a.gridSource(),
                    a.gridYear() > 0 ? ", " + a.gridYear() : "", a.pue(), a.wueLPerKwh(), a.ewifLPerKwh(),
                    a.trackingMode());
            bySetting.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        if (bySetting.size() == 1) {
            b.body("Every run used the same footprint assumptions: " + bySetting.keySet().iterator().next() + ".");
        } else {
            List<List<String>> rows = new ArrayList<>();
            bySetting.forEach((k, v) -> rows.add(List.of(k, v.stream().map(r -> "#" + r.shortId())
                    .collect(Collectors.joining(" ")))));
            b.add(Blocks.table(List.of("assumptions", "runs"), rows, new double[] {4, 1.2},
                    new boolean[] {false, false}, "The runs did not all use the same assumptions: compare CO₂e and "
                            + "water only within a group; energy compares across them."));
        }
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (RunData r : runs) {
            if (r.energy() != null) {
                for (EnergySource s : r.energy().sources()) {
                    methods.computeIfAbsent(s.id() + " " + s.method() + (s.how().isEmpty() ? "" : " (" + s.how() + ")"),
                            k -> new LinkedHashSet<>()).add("#" + r.shortId());
                }
            }
        }
        if (!methods.isEmpty()) {
            b.note("Energy sources: " + methods.entrySet().stream().map(e -> e.getKey() + (e.getValue().size()
                    == runs.size() ? " in every run" : " in " + String.join(" ", e.getValue())))
                    .collect(Collectors.joining("; ")) + ".");
        }
        b.note("CO₂e = IT energy × PUE × grid intensity (+ embodied share); water = IT energy × (WUE + PUE × EWIF).");
    }

    private static void howToReport(List<RunData> runs, Blocks b) {
        b.section("How to report this");
        List<RunData> finished = runs.stream().filter(r -> !r.incomplete()).toList();
        double kwh = runs.stream().mapToDouble(RunData::kwh).filter(Double::isFinite).sum();
        double co2 = runs.stream().mapToDouble(RunData::co2eKg).filter(Double::isFinite).sum();
        StringBuilder sb = new StringBuilder();
        sb.append("We compared ").append(runs.size()).append(" runs (").append(distinct(runs, RunData::method))
                .append(" on ").append(distinct(runs, RunData::dataset)).append("). In all they used ")
                .append(Fmt.kwh(kwh)).append(" of IT energy (").append(Fmt.co2e(co2)).append(")");
        boolean anyEstimated = runs.stream().anyMatch(r -> r.estimatedShare() > 0.5);
        sb.append(anyEstimated ? ", mostly estimated from load models rather than metered. " : ", as metered. ");
        RunData best = finished.stream().filter(r -> r.accuracy().present())
                .max((x, y) -> Double.compare(x.accuracy().value(), y.accuracy().value())).orElse(null);
        RunData cheapest = finished.stream().filter(r -> Double.isFinite(whPerPoint(r)))
                .min((x, y) -> Double.compare(whPerPoint(x), whPerPoint(y))).orElse(null);
        if (best != null) {
            sb.append("The most accurate run, ").append(best.method()).append(' ').append(best.model()).append(" (")
                    .append(best.id()).append("), reached ").append(Fmt.percent(best.accuracy().value())).append(' ')
                    .append(best.accuracy().what()).append(" accuracy with ").append(Fmt.kwh(best.kwh())).append(". ");
        }
        if (cheapest != null && cheapest != best) {
            sb.append("The least energy per accuracy point was ").append(cheapest.method()).append(' ')
                    .append(cheapest.model()).append(" (").append(cheapest.id()).append(", ")
                    .append(Fmt.percent(cheapest.accuracy().value())).append(" with ").append(Fmt.kwh(cheapest.kwh()))
                    .append("). ");
        }
        Assumptions a = runs.stream().map(r -> r.energy() == null ? null : r.energy().assumptions())
                .filter(x -> x != null && x.recorded()).findFirst().orElse(null);
        if (a != null) {
            sb.append("CO₂e assumes the grid intensity of ").append(a.gridCountry()).append(" (")
                    .append(Fmt.fixed(a.gridGPerKwh(), 0)).append(" g CO₂e/kWh) and a PUE of ")
                    .append(Fmt.fixed(a.pue(), 2)).append(". ");
        }
        sb.append("Measured with Joulebench.");
        String text = sb.toString();
        b.add(new Paragraph(text, Paragraph.Style.QUOTE));
        b.note("The same paragraph for LaTeX:");
        b.add(new Code(ReportText.latex(text)));
    }

    private static void appendix(List<RunData> runs, Blocks b) {
        b.add(new PageBreak());
        b.section("Appendix: the runs");
        b.note("Each run's headline figures and energy sources; joulebench report RUN gives a run's full report with "
                + "its curves, spectra and provenance.");
        for (RunData r : runs) {
            b.sub("#" + r.shortId() + " " + r.label().replace(" #" + r.shortId(), "") + " (" + r.status().json() + ")");
            b.note(r.id() + (r.dataset().isEmpty() ? "" : " · " + r.dataset()) + " · seed "
                    + (r.spec() == null || r.spec().seed() == null ? "default" : r.spec().seed()));
            String notice = ReportText.statusNotice(r);
            if (notice != null) {
                b.add(Paragraph.warning(notice));
            }
            b.add(RunReportContent.summary(r));
            if (r.energy() != null && !r.energy().sources().isEmpty()) {
                b.note("Energy: " + r.energy().sources().stream().map(s -> s.id() + " " + Fmt.kwh(s.kwh()) + " "
                        + s.method() + (s.how().isEmpty() ? "" : " (" + s.how() + ")"))
                        .collect(Collectors.joining("; ")) + ".");
            }
        }
    }
}
