package dev.joulebench.app.launcher;

import dev.joulebench.core.DeviceInventory;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Form checks for view-model tests: run at once on the calling thread, results delivered there. */
final class ImmediateChecks {
    private ImmediateChecks() {}

    /** The spec's own rules, then (when they pass) {@code deeper}: what the factories' checkAll does. */
    static SpecChecker.Slot of(Function<JobSpec, List<SpecProblem>> deeper) {
        return immediate(spec -> spec.problems().isEmpty() ? deeper.apply(spec) : spec.problems());
    }

    private static SpecChecker.Slot immediate(Function<JobSpec, List<SpecProblem>> check) {
        return new SpecChecker(check, (task, ms) -> {
            task.run();
            return CompletableFuture.completedFuture(null);
        }, Runnable::run, 0).slot();
    }

    /** The installed job factories' checks in {@code workspace}, on a machine without a GPU. */
    static SpecChecker.Slot factories(Path workspace) {
        DeviceInventory noGpu = () -> 0;
        return immediate(spec -> JobFactory.problemsOf(spec, new JobEnvironment(new RunStore(workspace), noGpu)));
    }

    /** "field: message" texts as problems. */
    static List<SpecProblem> problems(List<String> texts) {
        return texts.stream().map(t -> new SpecProblem(t.substring(0, t.indexOf(": ")), t.substring(t.indexOf(": ") + 2)))
                .toList();
    }
}
