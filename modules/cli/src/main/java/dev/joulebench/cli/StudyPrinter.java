package dev.joulebench.cli;

import dev.joulebench.study.Objective;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How studies and trials read on a terminal. */
final class StudyPrinter {
    private StudyPrinter() {}

    static String params(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(" "));
    }

    static String value(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) >= 1e-3 && Math.abs(d) < 1e4 ? String.format(Locale.ROOT, "%.4g", d)
                    : String.format(Locale.ROOT, "%.3e", d);
        }
        return String.valueOf(v);
    }

    static String values(Trial t, List<Objective> objectives) {
        if (t.values().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < objectives.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(objectives.get(i).metric()).append('=').append(value(t.values().get(i)));
        }
        return sb.toString();
    }

    /** One line for a trial that ended, with the best so far. */
    static String ended(Trial t, Trial best, StudySpec spec) {
        String what = switch (t.state()) {
            case FINISHED -> values(t, spec.objectives());
            case PRUNED -> "pruned at epoch " + t.lastStep();
            default -> "failed: " + t.error();
        };
        String run = t.runId() == null ? "" : String.format(Locale.ROOT, " (run %s%s)", t.runId(),
                t.seconds() == null ? "" : String.format(Locale.ROOT, ", %.1f s", t.seconds()));
        String bestText = best == null ? "" : "  best: trial " + best.number() + " " + value(best.value());
        return String.format(Locale.ROOT, "trial %d %s  %s  %s%s%s", t.number(), t.state().json(), params(t.params()),
                what, run, bestText);
    }

    /** The trials table, the best trial and, with several objectives, the Pareto set. */
    static void show(PrintStream out, StudyRecord r, List<Trial> trials) {
        StudySpec spec = r.spec();
        out.printf(Locale.ROOT, "study %s  %s%s  sampler %s, pruner %s, executor %s, %.0f s%n", r.id(), r.status(),
                r.stopReason() == null ? "" : " (" + r.stopReason() + ")", r.sampler(), r.pruner(), r.executor(),
                r.seconds());
        out.println("objectives: " + spec.objectives().stream().map(o -> o.direction().json() + " " + o.metric())
                .collect(Collectors.joining(", ")));
        long finished = trials.stream().filter(t -> t.state() == TrialState.FINISHED).count();
        long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
        long failed = trials.stream().filter(t -> t.state() == TrialState.FAILED).count();
        out.printf(Locale.ROOT, "trials: %d (%d finished, %d pruned, %d failed) of %d%n", trials.size(), finished,
                pruned, failed, spec.trials());
        String fmt = "%5s  %-8s  %-44s  %-32s  %s%n";
        out.printf(Locale.ROOT, fmt, "TRIAL", "STATE", "PARAMETERS", "VALUES", "RUN");
        for (Trial t : trials) {
            String v = t.state() == TrialState.FINISHED ? values(t, spec.objectives())
                    : t.state() == TrialState.PRUNED ? "pruned at epoch " + t.lastStep()
                    : t.error() == null ? "" : t.error();
            out.printf(Locale.ROOT, fmt, t.number(), t.state().json(), params(t.params()), v, where(t));
        }
        if (spec.multiObjective()) {
            List<Trial> front = Pareto.front(trials, spec.objectives());
            out.println("Pareto set (" + front.size() + " trials no other trial beats in every objective):");
            for (Trial t : front) {
                out.printf(Locale.ROOT, "  trial %d  %s  %s%n", t.number(), values(t, spec.objectives()), params(t.params()));
            }
        } else {
            best(trials, spec.objectives().get(0)).ifPresent(b -> out.printf(Locale.ROOT,
                    "best: trial %d  %s  %s  (run %s)%n", b.number(), values(b, spec.objectives()), params(b.params()),
                    b.runId()));
        }
    }

    /** The trial's run, or its cluster job while it has no run yet. */
    static String where(Trial t) {
        if (t.runId() != null) {
            return t.runId();
        }
        return t.jobId() == null ? "-" : "slurm job " + t.jobId();
    }

    static java.util.Optional<Trial> best(List<Trial> trials, Objective o) {
        return trials.stream().filter(t -> t.state() == TrialState.FINISHED)
                .min(java.util.Comparator.comparingDouble(t -> o.direction().loss(t.value())));
    }
}
