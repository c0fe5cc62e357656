package dev.joulebench.app.studies;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.study.Direction;
import dev.joulebench.study.Distribution;
import dev.joulebench.study.Objective;
import dev.joulebench.study.Parameter;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the three study charts draw, computed from a study's trials (off the FX thread; no JavaFX here):
 * the optimisation history with its best-so-far, the objective scatter with its Pareto front, and the parallel
 * coordinates of the finished trials.
 */
public final class StudyPlots {
    /** Points of one series, x and y of the same length. */
    public record Series(double[] x, double[] y) {
        static final Series EMPTY = new Series(new double[0], new double[0]);

        public int size() {
            return x.length;
        }
    }

    /** The history: each finished trial's first objective by trial number, and the best value so far at each. */
    public record History(String yLabel, Series values, Series bestSoFar) {}

    /**
     * The scatter: every finished trial as a point, the front as a line sorted by x. The title says in short what
     * is drawn (it must fit a small chart), the description in full.
     */
    public record Scatter(String title, String description, String xLabel, String yLabel, Series trials,
                          Series front) {}

    /**
     * One line per finished trial (x = axis index, y in [0, 1]); axes: the parameters, then the objectives.
     *
     * @param finished the finished trials there are; more than {@code lines} when only the best are drawn
     */
    public record Parallel(List<String> axes, List<Integer> trialNumbers, List<Series> lines, int finished) {
        /** The chart's title; it says so when only the best trials are drawn. */
        public String title() {
            return finished > MAX_PARALLEL_LINES
                    ? "Parallel coordinates (best " + MAX_PARALLEL_LINES + " of " + finished + ")" : "Parallel coordinates";
        }
    }

    /** The most lines the parallel chart draws: each is a data set, and thousands would stall the FX thread. */
    public static final int MAX_PARALLEL_LINES = 300;

    private StudyPlots() {}

    /** Finished trials with every objective value finite, by number: the only ones a chart can place. */
    static List<Trial> finished(List<Trial> trials, int objectives) {
        return trials.stream().filter(t -> t.state() == TrialState.FINISHED && t.values().size() >= objectives
                        && t.values().stream().allMatch(Double::isFinite))
                .sorted(Comparator.comparingInt(Trial::number)).toList();
    }

    public static History history(StudySpec spec, List<Trial> trials) {
        Objective o = spec.objectives().get(0);
        List<Trial> done = finished(trials, spec.objectives().size());
        double[] x = new double[done.size()];
        double[] y = new double[done.size()];
        double[] best = new double[done.size()];
        for (int i = 0; i < done.size(); i++) {
            x[i] = done.get(i).number();
            y[i] = done.get(i).value();
            best[i] = i == 0 || o.direction().loss(y[i]) < o.direction().loss(best[i - 1]) ? y[i] : best[i - 1];
        }
        return new History(o.metric(), new Series(x, y), new Series(x.clone(), best));
    }

    /**
     * Two or more objectives: objective 1 (y) against objective 2 (x), the front of those two. One objective: it
     * (y) against each trial's energy in kWh (x), the front of (the objective in its direction, minimise kWh).
     */
    public static Scatter scatter(StudySpec spec, List<Trial> trials) {
        List<Objective> objectives = spec.objectives();
        List<Trial> done = finished(trials, objectives.size());
        List<Objective> plotted;
        List<Trial> points = new ArrayList<>();
        String title;
        String description;
        if (objectives.size() >= 2) {
            plotted = List.of(objectives.get(0), objectives.get(1));
            for (Trial t : done) {
                points.add(withValues(t, t.values().get(0), t.values().get(1)));
            }
            title = shortName(plotted.get(0).metric()) + " vs " + shortName(plotted.get(1).metric()) + " (front: "
                    + sense(plotted.get(0)) + ", " + sense(plotted.get(1)) + ")";
            description = plotted.get(0).metric() + " vs " + plotted.get(1).metric() + " with the Pareto front of "
                    + direction(plotted.get(0)) + ", " + direction(plotted.get(1))
                    + (objectives.size() > 2 ? " (the first two of " + objectives.size() + " objectives)" : "");
        } else {
            plotted = List.of(objectives.get(0), new Objective(MetricKeys.ENERGY_KWH, Direction.MINIMIZE));
            for (Trial t : done) {
                if (t.kwh() != null && Double.isFinite(t.kwh())) {
                    points.add(withValues(t, t.value(), t.kwh()));
                }
            }
            title = shortName(plotted.get(0).metric()) + " vs kWh (front: " + sense(plotted.get(0)) + ", min)";
            description = plotted.get(0).metric() + " vs each trial's energy with the Pareto front of "
                    + direction(plotted.get(0)) + ", min kWh";
        }
        List<Trial> front = new ArrayList<>(Pareto.front(points, plotted));
        front.sort(Comparator.comparingDouble((Trial t) -> t.values().get(1)).thenComparingDouble(t -> t.values().get(0)));
        String xLabel = objectives.size() >= 2 ? objectives.get(1).metric() : "energy (kWh)";
        return new Scatter(title, description, xLabel, objectives.get(0).metric(), xy(points), xy(front));
    }

    /** The scatter's points as trials whose values are (y, x), so Pareto.front can judge them. */
    private static Trial withValues(Trial t, double y, double x) {
        return t.ended(TrialState.FINISHED, List.of(y, x), null, t.seconds(), t.kwh());
    }

    private static Series xy(List<Trial> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i).values().get(1);
            y[i] = points.get(i).values().get(0);
        }
        return new Series(x, y);
    }

    private static String direction(Objective o) {
        return sense(o) + " " + o.metric();
    }

    private static String sense(Objective o) {
        return o.direction() == Direction.MAXIMIZE ? "max" : "min";
    }

    /** A metric without its group, for a label that must be short: val/best_accuracy → best_accuracy. */
    public static String shortName(String metric) {
        return metric.substring(metric.lastIndexOf('/') + 1);
    }

    /**
     * Each parameter scaled to [0, 1] of its range (on a log scale where the parameter is log; a categorical by
     * its choice's index), then each objective scaled to [0, 1] of the finished trials' values. A trial whose
     * recorded value lies outside its parameter's distribution (a spec edited after it ran) is left out.
     */
    public static Parallel parallel(StudySpec spec, List<Trial> trials) {
        return parallel(spec, trials, MAX_PARALLEL_LINES);
    }

    /** As {@link #parallel(StudySpec, List)}, with the best {@code maxLines} finished trials (by objective 1) only. */
    static Parallel parallel(StudySpec spec, List<Trial> trials, int maxLines) {
        List<String> axes = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        List<Distribution> ranges = new ArrayList<>();
        for (Parameter p : spec.parameters()) {
            try {
                ranges.add(p.distribution());
                params.add(p);
                axes.add(p.name());
            } catch (IllegalArgumentException unusable) {
                // a parameter the spec cannot range over has no axis
            }
        }
        List<Objective> objectives = spec.objectives();
        objectives.forEach(o -> axes.add(o.metric()));
        List<Trial> done = finished(trials, objectives.size());
        double[] lo = new double[objectives.size()];
        double[] hi = new double[objectives.size()];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (Trial t : done) {
            for (int j = 0; j < objectives.size(); j++) {
                lo[j] = Math.min(lo[j], t.values().get(j));
                hi[j] = Math.max(hi[j], t.values().get(j));
            }
        }
        List<Integer> numbers = new ArrayList<>();
        List<Series> lines = new ArrayList<>();
        List<Trial> drawn = done;
        if (done.size() > maxLines) {
            Objective first = objectives.get(0);
            drawn = done.stream().sorted(Comparator.comparingDouble((Trial t) -> first.direction().loss(t.value())))
                    .limit(maxLines).sorted(Comparator.comparingInt(Trial::number)).toList();
        }
        for (Trial t : drawn) {
            double[] y = new double[axes.size()];
            boolean placed = true;
            for (int i = 0; i < params.size(); i++) {
                y[i] = scaled(ranges.get(i), t.params().get(params.get(i).name()));
                placed &= Double.isFinite(y[i]);
            }
            for (int j = 0; j < objectives.size(); j++) {
                y[params.size() + j] = unit(t.values().get(j), lo[j], hi[j]);
            }
            if (placed) {
                double[] x = new double[axes.size()];
                Arrays.setAll(x, i -> i);
                numbers.add(t.number());
                lines.add(new Series(x, y));
            }
        }
        return new Parallel(List.copyOf(axes), List.copyOf(numbers), List.copyOf(lines), done.size());
    }

    /** A parameter value in [0, 1] of its distribution; NaN when it is not in it. */
    static double scaled(Distribution d, Object value) {
        if (value == null || !d.contains(value)) {
            return Double.NaN;
        }
        if (d instanceof Distribution.Choices c) {
            return c.choices().size() == 1 ? 0.5 : d.toInternal(value) / (c.choices().size() - 1);
        }
        double v = d.toInternal(value);
        if (d instanceof Distribution.FloatRange f) {
            return f.log() ? unit(Math.log(v), Math.log(f.low()), Math.log(f.high())) : unit(v, f.low(), f.high());
        }
        Distribution.IntRange r = (Distribution.IntRange) d;
        return r.log() ? unit(Math.log(v), Math.log(r.low()), Math.log(r.high())) : unit(v, r.low(), r.high());
    }

    /** v in [0, 1] of [lo, hi]; the middle when the range is a single value. */
    static double unit(double v, double lo, double hi) {
        return hi > lo ? (v - lo) / (hi - lo) : 0.5;
    }
}
