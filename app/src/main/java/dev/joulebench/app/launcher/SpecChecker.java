package dev.joulebench.app.launcher;

import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the job factories' checks of the forms off the FX thread: {@code JobFactory.problemsOf(spec, env)},
 * the same method the command line and {@code JobRunner.submit} use, so the app never re-implements a
 * check. Each form has a {@link Slot}: a request waits {@code debounceMillis} for the user to stop typing,
 * replaces the one still waiting, and a result that a newer request overtook is dropped.
 */
public final class SpecChecker {
    /** Runs a task after a delay, somewhere other than the FX thread. */
    @FunctionalInterface
    public interface Scheduler {
        Future<?> schedule(Runnable task, long delayMillis);

        static Scheduler of(ScheduledExecutorService worker) {
            return (task, ms) -> worker.schedule(task, ms, TimeUnit.MILLISECONDS);
        }
    }

    private final Function<JobSpec, List<SpecProblem>> check;
    private final Scheduler worker;
    private final Executor fx;
    private final long debounceMillis;

    /**
     * @param check  the problems of a spec (factory checks included)
     * @param worker where checks run (a named background thread)
     * @param fx     where results are delivered (the FX thread)
     */
    public SpecChecker(Function<JobSpec, List<SpecProblem>> check, Scheduler worker, Executor fx,
                       long debounceMillis) {
        this.check = Objects.requireNonNull(check);
        this.worker = worker;
        this.fx = fx;
        this.debounceMillis = debounceMillis;
    }

    /** The installed factories' checks against the current workspace's runs and this machine's devices. */
    public static Function<JobSpec, List<SpecProblem>> factories(Supplier<Path> workspace) {
        return spec -> JobFactory.problemsOf(spec, JobEnvironment.of(new RunStore(workspace.get())));
    }

    public Slot slot() {
        return new Slot();
    }

    /** One form's checks: at most one waiting, only the newest result delivered. */
    public final class Slot {
        private long generation;
        private Future<?> waiting;

        private Slot() {}

        /** Checks {@code spec} after the debounce delay and hands its problems to {@code onResult} on the FX thread. */
        public synchronized void request(JobSpec spec, Consumer<List<SpecProblem>> onResult) {
            long mine = ++generation;
            Future<?> previous = waiting;
            waiting = null;
            if (previous != null) {
                previous.cancel(false);
            }
            Future<?> scheduled = worker.schedule(() -> {
                if (!current(mine)) {
                    return;
                }
                List<SpecProblem> problems;
                try {
                    problems = check.apply(spec);
                } catch (RuntimeException e) {
                    problems = List.of(new SpecProblem("spec", "cannot check this spec: " + e.getMessage()));
                }
                List<SpecProblem> found = problems;
                fx.execute(() -> {
                    if (current(mine)) {
                        onResult.accept(found);
                    }
                });
            }, debounceMillis);
            if (current(mine)) {
                waiting = scheduled;
            }
        }

        /** Drops what is waiting or running (the form's fields no longer make a spec). */
        public synchronized void cancel() {
            generation++;
            if (waiting != null) {
                waiting.cancel(false);
                waiting = null;
            }
        }

        private synchronized boolean current(long g) {
            return g == generation;
        }
    }
}
