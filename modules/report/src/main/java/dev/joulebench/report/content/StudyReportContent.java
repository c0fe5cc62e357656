package dev.joulebench.report.content;

import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.chart.StudyCharts;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Block;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.study.Distribution;
import dev.joulebench.study.Objective;
import dev.joulebench.study.ParameterImportance;
import dev.joulebench.study.Parameter;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.SearchSpace;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a study report holds: the study (spec, sampler, pruner, budget, where it stands), its search space, every
 * trial, the optimisation history, parameter importance, parallel coordinates, the best trial or the Pareto set,
 * and then the comparison of the trials' runs (table, accuracy against energy, curves, assumptions, provenance).
 */
public final class StudyReportContent {
    private final StudyCharts charts;
    private final ComparisonReportContent comparison;

    public StudyReportContent(ChartStyle style) {
        this.charts = new StudyCharts(style);
        this.comparison = new ComparisonReportContent(style);
    }

    /** @param runs the trials' runs that could be read, in trial order */
    public ReportDocument build(StudyRecord study, List<Trial> trials, List<RunData> runs, String title) {
        StudySpec spec = study.spec();
        SearchSpace space = spec.space();
        Blocks b = new Blocks();
        overview(study, trials, runs, b);
        searchSpace(spec, b);
        trialTable(spec, trials, b);
        List<Trial> finished = trials.stream().filter(t -> t.state() == TrialState.FINISHED).toList();
        Objective first = spec.objectives().get(0);
        b.section("Optimisation");
        b.chart("study-history", charts.history(trials, first, spec.intermediate()), 0.5, "Objective value of each "
                + "finished trial by trial number, and the best so far. Pruned trials are shown at the last "
                + spec.intermediate() + " they reported before the pruner stopped them.");
        Map<String, Double> importance = ParameterImportance.of(trials, space, 0);
        if (!importance.isEmpty()) {
            b.chart("study-importance", charts.importance(importance, first), 0.32, "Share of the spread of "
                    + first.metric() + " over the finished trials that each parameter accounts for on its own (η² of "
                    + "a one-way analysis of variance, numeric values in " + ParameterImportance.BINS + " equal-count "
                    + "bins). A marginal measure: interactions between parameters are not separated.");
        }
        if (finished.size() >= 2) {
            b.chart("study-parallel", charts.parallelCoordinates(trials, space, first), 0.45, "Each finished trial as a "
                    + "line through its parameter values (each axis spans the parameter's range) to its " + first.metric()
                    + "; darker and thicker lines did better.");
        }
        best(spec, trials, finished, b);
        List<Block> blocks = new ArrayList<>(b.list());
        if (!runs.isEmpty()) {
            blocks.addAll(comparison.build(runs, List.of(), null).blocks());
        }
        String t = title == null || title.isBlank() ? "Study report: " + spec.name() : title.strip();
        String subtitle = study.id() + " · " + trials.size() + " trials · " + study.sampler() + " sampler · "
                + spec.objectives().stream().map(o -> o.direction().json() + " " + o.metric())
                .collect(Collectors.joining(", "));
        return new ReportDocument(t, subtitle, true, "Joulebench study " + study.id(), blocks);
    }

    private static void overview(StudyRecord study, List<Trial> trials, List<RunData> runs, Blocks b) {
        StudySpec spec = study.spec();
        b.section("Study");
        Map<TrialState, Long> counts = trials.stream().collect(Collectors.groupingBy(Trial::state, Collectors.counting()));
        double kwh = runs.stream().mapToDouble(RunData::kwh).filter(Double::isFinite).sum();
        double co2 = runs.stream().mapToDouble(RunData::co2eKg).filter(Double::isFinite).sum();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"study", study.id()});
        rows.add(new String[] {"status", study.status() + (study.stopReason() == null ? "" : " (" + study.stopReason() + ")")});
        rows.add(new String[] {"objectives", spec.objectives().stream().map(o -> o.direction().json() + " " + o.metric())
                .collect(Collectors.joining(", "))});
        rows.add(new String[] {"sampler", study.sampler() + ("tpe".equals(spec.sampler()) ? " (Optuna's defaults: "
                + spec.startupTrials() + " random start-up trials, " + spec.candidates() + " candidates, γ = min(⌈0.1 n⌉, "
                + "25))" : "") + ", seed " + spec.seed()});
        rows.add(new String[] {"pruner", study.pruner() + ("median".equals(spec.pruner()) ? " on per-epoch "
                + spec.intermediate() + " (" + spec.prunerStartupTrials() + " start-up trials, " + spec.prunerWarmupSteps()
                + " warm-up epochs)" : "")});
        rows.add(new String[] {"budget", spec.trials() + " trials" + (spec.maxSeconds() == null ? "" : ", "
                + Fmt.seconds(spec.maxSeconds())) + (spec.maxKwh() == null ? "" : ", " + Fmt.kwh(spec.maxKwh()))});
        rows.add(new String[] {"trials", String.format(Locale.ROOT, "%d: %d finished, %d pruned, %d failed, %d other",
                trials.size(), counts.getOrDefault(TrialState.FINISHED, 0L), counts.getOrDefault(TrialState.PRUNED, 0L),
                counts.getOrDefault(TrialState.FAILED, 0L), counts.getOrDefault(TrialState.RUNNING, 0L)
                        + counts.getOrDefault(TrialState.QUEUED, 0L))});
        rows.add(new String[] {"executor", study.executor() + ", " + Fmt.seconds(study.seconds()) + " of wall time"});
        rows.add(new String[] {"energy of all trials", runs.isEmpty() ? Fmt.NONE : Fmt.energy(kwh) + ", " + Fmt.co2e(co2)
                + " CO₂e (the sum over the trials' runs, each measured or estimated as its own section says; pruned "
                + "and failed trials count too: tuning costs what all of them cost)"});
        b.keyValues(rows, null);
    }

    private static void searchSpace(StudySpec spec, Blocks b) {
        b.sub("Search space");
        List<List<String>> rows = new ArrayList<>();
        for (Parameter p : spec.parameters()) {
            Distribution d = p.distribution();
            String range = d instanceof Distribution.Choices c ? c.choices().toString()
                    : Fmt.sig(p.low()) + " – " + Fmt.sig(p.high()) + (p.log() ? ", log scale" : "")
                    + (p.step() == null ? "" : ", step " + Fmt.sig(p.step()));
            rows.add(List.of(p.name(), p.type(), range, p.field() == null ? "${" + p.name() + "}" : p.field()));
        }
        b.add(Blocks.table(List.of("parameter", "type", "range", "reaches"), rows, new double[] {1.2, 1, 2.6, 1.6},
                new boolean[] {false, false, false, false}, "Where a parameter reaches the base spec: a field, or the "
                        + "${name} placeholders of its strings (e.g. the model)."));
    }

    private static void trialTable(StudySpec spec, List<Trial> trials, Blocks b) {
        b.sub("Trials");
        List<List<String>> rows = new ArrayList<>();
        for (Trial t : trials) {
            String values = t.values().isEmpty() ? (t.state() == TrialState.PRUNED ? "pruned at epoch " + t.lastStep()
                    : t.error() == null ? Fmt.NONE : t.error()) : t.values().stream().map(Fmt::sig)
                    .collect(Collectors.joining(", "));
            rows.add(List.of(Integer.toString(t.number()), t.state().json(), params(t.params()), values,
                    t.kwh() == null ? Fmt.NONE : Fmt.kwh(t.kwh()), t.runId() == null ? Fmt.NONE : t.runId()));
        }
        b.add(Blocks.table(List.of("#", "state", "parameters", spec.objectives().stream().map(Objective::metric)
                        .collect(Collectors.joining(", ")), "energy", "run"), rows, new double[] {0.4, 0.8, 2.6, 1.6, 1, 2.2},
                new boolean[] {true, false, false, false, true, false}, null));
    }

    private void best(StudySpec spec, List<Trial> trials, List<Trial> finished, Blocks b) {
        if (finished.isEmpty()) {
            b.body("No trial finished, so there is no best trial.");
            return;
        }
        if (spec.multiObjective()) {
            List<Trial> front = Pareto.front(trials, spec.objectives());
            b.sub("Pareto set");
            b.body(front.size() + " of the " + finished.size() + " finished trials are not beaten by another in every "
                    + "objective at once; choosing between them is a trade-off, not an optimisation.");
            b.chart("study-pareto", charts.pareto(finished, front, spec.objectives().get(0), spec.objectives().get(1)), 0.55, "Every finished trial's first two objectives; "
                    + "the Pareto set joined and numbered.");
            List<List<String>> rows = front.stream().map(t -> List.of(Integer.toString(t.number()), params(t.params()),
                    t.values().stream().map(Fmt::sig).collect(Collectors.joining(", ")), t.runId())).toList();
            b.add(Blocks.table(List.of("#", "parameters", "objectives", "run"), rows, new double[] {0.4, 3, 1.6, 2.2},
                    new boolean[] {true, false, false, false}, null));
            return;
        }
        Objective o = spec.objectives().get(0);
        Trial best = finished.stream().min(Comparator.comparingDouble(t -> o.direction().loss(t.value()))).orElseThrow();
        b.sub("Best trial");
        b.body("Trial " + best.number() + " has the best " + o.metric() + ", " + Fmt.sig(best.value()) + ", with "
                + params(best.params()) + " (run " + best.runId() + "). Its value was chosen on the validation split, "
                + "so it is an optimistic estimate: report the test accuracy of that run, not this number.");
    }

    private static String params(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? Fmt.sig(d)
                : String.valueOf(e.getValue()))).collect(Collectors.joining(" "));
    }
}
