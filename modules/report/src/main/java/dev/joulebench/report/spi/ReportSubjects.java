package dev.joulebench.report.spi;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.report.data.Comparison;
import dev.joulebench.report.data.ComparisonStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the ids of a request into runs: each is a comparison (its runs, in table order) or a run, by id, unique prefix
 * or unique suffix. Every id that names nothing is reported at once, in one line.
 *
 * @param runIds      the runs, each once, in the order given
 * @param comparisons the comparisons named
 */
record ReportSubjects(List<String> runIds, List<Comparison> comparisons) {
    static ReportSubjects resolve(List<String> ids, RunStore runs, ComparisonStore comparisons) {
        if (ids.isEmpty()) {
            throw new BadInputException("No run or comparison given; list runs with: joulebench runs list");
        }
        Set<String> runIds = new LinkedHashSet<>();
        List<Comparison> named = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String id : ids) {
            List<String> cmp = comparisons.matches(id);
            boolean looksLikeComparison = id.startsWith(ComparisonStore.PREFIX);
            if (cmp.size() == 1 && (looksLikeComparison || !isRun(runs, id))) {
                Comparison c = comparisons.load(cmp.get(0));
                named.add(c);
                runIds.addAll(c.runIds());
                continue;
            }
            if (cmp.size() > 1 && looksLikeComparison) {
                problems.add("'" + id + "' matches " + cmp.size() + " comparisons (" + String.join(", ",
                        cmp.subList(0, Math.min(3, cmp.size()))) + (cmp.size() > 3 ? ", ..." : "") + ")");
                continue;
            }
            try {
                runIds.add(runs.load(id).id());
            } catch (BadInputException e) {
                problems.add(looksLikeComparison ? "no comparison '" + id + "' in " + comparisons.dir()
                        : e.getMessage().replace(". List runs with: joulebench runs list", ""));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("; ", problems) + ". List runs with: joulebench runs list "
                    + "(comparisons are the cmp-... files in " + comparisons.dir() + ")");
        }
        return new ReportSubjects(List.copyOf(runIds), List.copyOf(named));
    }

    private static boolean isRun(RunStore runs, String id) {
        try {
            runs.load(id);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }
}
