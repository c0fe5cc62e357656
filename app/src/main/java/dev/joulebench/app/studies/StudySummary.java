package dev.joulebench.app.studies;

import dev.joulebench.study.Objective;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one-line texts of a study: where it stands (the status line) and its best trial or Pareto front. */
final class StudySummary {
    private StudySummary() {}

    /** E.g. "12 of 20 trials: 7 finished, 4 pruned, 1 failed — best trial 9 val/best_accuracy 0.832". */
    static String status(StudyRecord study, List<Trial> trials) {
        Map<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        trials.forEach(t -> counts.merge(t.state(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        for (TrialState s : List.of(TrialState.FINISHED, TrialState.PRUNED, TrialState.FAILED, TrialState.RUNNING,
                TrialState.QUEUED)) {
            if (counts.containsKey(s)) {
                parts.add(counts.get(s) + " " + s.json());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(trials.size()).append(" of ").append(study.spec().trials()).append(" trials");
        if (!parts.isEmpty()) {
            b.append(": ").append(String.join(", ", parts));
        }
        b.append(" — ").append(best(study, trials));
        if (!StudyRecord.RUNNING.equals(study.status())) {
            b.append(" (study ").append(study.status())
                    .append(study.stopReason() == null ? "" : ": " + study.stopReason()).append(')');
        }
        return b.toString();
    }

    /**
     * One objective: "best trial 9 val/best_accuracy 0.832"; several: "Pareto front: trials 3, 7"; none finished
     * yet: "no finished trial yet".
     */
    static String best(StudyRecord study, List<Trial> trials) {
        List<Objective> objectives = study.spec().objectives();
        List<Trial> done = StudyPlots.finished(trials, objectives.size());
        if (done.isEmpty()) {
            return "no finished trial yet";
        }
        if (objectives.size() > 1) {
            return "Pareto front: trials " + Pareto.front(done, objectives).stream()
                    .map(t -> Integer.toString(t.number())).collect(Collectors.joining(", "));
        }
        Objective o = objectives.get(0);
        Optional<Trial> best = done.stream().min(Comparator.comparingDouble((Trial t) -> o.direction().loss(t.value()))
                .thenComparingInt(Trial::number));
        Trial t = best.orElseThrow();
        return "best trial " + t.number() + " " + o.metric() + " " + TrialRow.format(t.value());
    }
}
