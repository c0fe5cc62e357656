package dev.joulebench.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Debouncing and stale results of the form checks, on a hand-driven scheduler and FX queue. */
class SpecCheckerTest {
    /** Tasks wait until the test runs them, as a real delay would make them wait. */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Future<?>> futures = new ArrayList<>();
    private final List<Runnable> fxQueue = new ArrayList<>();
    private final List<JobSpec> checked = new ArrayList<>();
    private final List<List<SpecProblem>> delivered = new ArrayList<>();

    private final SpecChecker checker = new SpecChecker(spec -> {
        checked.add(spec);
        return List.of(new SpecProblem("model", "checked " + ((TrainSpec) spec).model()));
    }, (task, ms) -> {
        CompletableFuture<Void> f = new CompletableFuture<>();
        scheduled.add(() -> {
            if (!f.isCancelled()) {
                task.run();
            }
        });
        futures.add(f);
        return f;
    }, fxQueue::add, 250);

    private static TrainSpec spec(String model) {
        return TrainSpec.of("bp", "samples", model);
    }

    private void runAll(List<Runnable> tasks) {
        List<Runnable> now = new ArrayList<>(tasks);
        tasks.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void typingFastChecksOnlyTheLastSpec() {
        SpecChecker.Slot slot = checker.slot();
        slot.request(spec("mlp:7"), delivered::add);
        slot.request(spec("mlp:78"), delivered::add);
        slot.request(spec("mlp:784-10"), delivered::add);
        assertThat(futures).hasSize(3);
        assertThat(futures.subList(0, 2)).allMatch(Future::isCancelled);
        runAll(scheduled);
        assertThat(checked).containsExactly(spec("mlp:784-10"));
        assertThat(delivered).isEmpty(); // results arrive on the FX thread
        runAll(fxQueue);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).get(0).message()).isEqualTo("checked mlp:784-10");
    }

    @Test
    void aResultThatANewerRequestOvertookIsDropped() {
        SpecChecker.Slot slot = checker.slot();
        slot.request(spec("mlp:784-1-10"), delivered::add);
        runAll(scheduled); // the check ran; its result waits for the FX thread
        slot.request(spec("mlp:784-2-10"), delivered::add);
        runAll(fxQueue);
        assertThat(delivered).isEmpty();
        runAll(scheduled);
        runAll(fxQueue);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).get(0).message()).isEqualTo("checked mlp:784-2-10");
    }

    @Test
    void cancelDropsWhatIsWaitingAndSlotsAreIndependent() {
        SpecChecker.Slot train = checker.slot();
        SpecChecker.Slot compress = checker.slot();
        train.request(spec("mlp:784-3-10"), delivered::add);
        compress.request(spec("mlp:784-4-10"), delivered::add);
        train.cancel();
        runAll(scheduled);
        runAll(fxQueue);
        assertThat(checked).containsExactly(spec("mlp:784-4-10"));
        assertThat(delivered).hasSize(1);
    }
}
