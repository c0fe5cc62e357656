package dev.joulebench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudyListener;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudyRunner;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialExecutor;
import dev.joulebench.study.TrialState;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "study", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Tune a run spec: sample its parameters with TPE, random or grid search, prune weak trials "
                + "by the median rule, optimise accuracy (and energy, time or size) over a trial budget.",
            "A study lives in <workspace>/studies/<id>/ and survives a crash: `study resume ID` continues it."},
        subcommands = {StudyCommand.RunStudy.class, StudyCommand.ResumeStudy.class, StudyCommand.ListStudies.class,
            StudyCommand.ShowStudy.class})
final class StudyCommand extends CommandGroup {
    static final String SHAPE = "a study spec is a JSON object with \"base\" (a run spec), \"parameters\" and "
            + "optionally \"objectives\", \"sampler\", \"pruner\", \"trials\", \"seed\"; see samples/studies/";

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Start a study from its spec file.")
    static final class RunStudy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SPEC.json")
        Path file;

        @Mixin
        StudyExecution exec;

        @Override
        public Integer call() throws Exception {
            String executor = exec.executorName(null);
            exec.check(executor);
            StudySpec spec = Json.readObject(file, StudySpec.class, "Study spec", SHAPE);
            // the job's own check looks at this machine (its datasets, memory, devices): right for local trials; a
            // cluster's nodes may see other paths and hardware, so there only the spec's own problems are checked here
            var problems = StudyExecution.LOCAL.equals(executor)
                    ? spec.problems(dev.joulebench.core.JobEnvironment.of(new RunStore(exec.common.workspace()))
                    .with(exec.common.resources())) : spec.problems();
            if (!problems.isEmpty()) {
                throw new InvalidSpecException("study", problems);
            }
            spec = exec.prepare(spec, executor);
            StudyDirectory dir;
            try {
                dir = new StudyStore(exec.common.workspace()).create(spec, executor, Instant.now());
            } catch (UncheckedIOException e) {
                throw new BadInputException(e.getMessage() + "; give a writable --workspace");
            }
            System.err.println("study " + dir.id() + " in " + dir.path());
            return drive(dir, exec, executor);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue a stopped study: finished trials are kept, none is repeated.")
    static final class ResumeStudy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY", description = "Study id, or a unique part of it.")
        String study;

        @Mixin
        StudyExecution exec;

        @Override
        public Integer call() throws Exception {
            StudyDirectory dir = new StudyStore(exec.common.workspace()).load(study);
            StudyRecord r = dir.record();
            if (StudyRecord.FINISHED.equals(r.status())) {
                throw new BadInputException("study " + r.id() + " is finished (" + r.stopReason() + "); nothing to resume");
            }
            String executor = exec.executorName(r.executor());
            exec.check(executor);
            return drive(dir, exec, executor);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per study, oldest first.")
    static final class ListStudies implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            StudyStore store = new StudyStore(common.workspace());
            List<StudyRecord> studies = store.list();
            PrintStream out = System.out;
            if (common.json) {
                out.println(Json.write(studies));
                return ExitCodes.OK;
            }
            if (studies.isEmpty()) {
                out.println("No studies in " + store.studiesDir() + ". Start one with: joulebench study run "
                        + "samples/studies/mlp-tpe.json");
                return ExitCodes.OK;
            }
            String fmt = "%-48s %-9s %-7s %7s  %s%n";
            out.printf(Locale.ROOT, fmt, "STUDY", "STATUS", "SAMPLER", "TRIALS", "BEST");
            for (StudyRecord r : studies) {
                List<Trial> trials = store.load(r.id()).trials();
                String best = StudyPrinter.best(trials, r.spec().objectives().get(0))
                        .map(b -> "trial " + b.number() + " " + r.spec().objectives().get(0).metric() + "="
                                + StudyPrinter.value(b.value())).orElse("-");
                out.printf(Locale.ROOT, fmt, r.id(), r.status(), r.sampler(), trials.size() + "/" + r.spec().trials(), best);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The trials table, the best trial and, for several objectives, the Pareto set.")
    static final class ShowStudy implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "STUDY", description = "Study id, or a unique part of it.")
        String study;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            StudyDirectory dir = new StudyStore(common.workspace()).load(study);
            if (common.json) {
                System.out.println(Json.write(Map.of("study", dir.record(), "trials", dir.trials())));
            } else {
                StudyPrinter.show(System.out, dir.record(), dir.trials());
            }
            return ExitCodes.OK;
        }
    }

    /**
     * With several trials at once and no thread count in the base spec, each trial gets its share of the
     * processors (recorded in the study's spec, so every trial's run spec shows it).
     */
    static StudySpec splitThreads(StudySpec spec, int parallel) {
        if (parallel <= 1 || spec.base().path("threads").asInt(0) > 0) {
            return spec;
        }
        ObjectNode base = spec.base().deepCopy();
        base.put("threads", Math.max(1, Runtime.getRuntime().availableProcessors() / parallel));
        ObjectNode whole = Json.mapper().valueToTree(spec);
        whole.set("base", base);
        return Json.mapper().convertValue(whole, StudySpec.class);
    }

    /** Runs the study to its end on the executor, a line per trial; Ctrl-C stops it resumably. */
    static int drive(StudyDirectory dir, StudyExecution exec, String executorName) throws InterruptedException {
        StudySpec spec = dir.record().spec();
        RunStore runs = new RunStore(exec.common.workspace());
        PrintStream info = System.err;
        StudyListener printer = new StudyListener() {
            @Override
            public void trialStarted(Trial t) {
                info.println("trial " + t.number() + " started  " + StudyPrinter.params(t.params()) + "  ("
                        + (t.jobId() != null ? "Slurm job " + t.jobId() : "run " + t.runId()) + ")");
            }

            @Override
            public void trialEnded(Trial t, Trial best) {
                info.println(StudyPrinter.ended(t, best, spec));
            }
        };
        try (EventBus bus = new EventBus();
             TrialExecutor executor = exec.open(executorName, dir, runs, bus, spec.intermediate())) {
            StudyRunner runner = new StudyRunner(dir, runs, executor, MonotonicClock.system(), printer);
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                if (done.getCount() > 0) {
                    info.println("\nstopping study " + dir.id() + " (resume it with: joulebench study resume "
                            + dir.id() + ") ...");
                    runner.cancel();
                    try {
                        done.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "joulebench-study-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            StudyRecord end;
            try {
                end = runner.run();
            } finally {
                done.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running: Ctrl-C arrived as the study ended
            }
            List<Trial> trials = dir.trials();
            if (exec.common.json) {
                System.out.println(Json.write(Map.of("study", end, "trials", trials)));
            } else {
                StudyPrinter.show(System.out, end, trials);
            }
            return trials.stream().anyMatch(t -> t.state() == TrialState.FINISHED) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
        }
    }
}
