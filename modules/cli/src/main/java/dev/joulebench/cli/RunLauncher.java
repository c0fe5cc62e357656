package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.RunInstrumentFactory;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.EnergyMeter;
import dev.joulebench.energy.EnergySettings;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one spec from the command line: submits it, shows progress, turns Ctrl-C into a cooperative
 * cancel (the run ends as cancelled and keeps its results), prints the outcome, returns the exit code.
 */
final class RunLauncher {
    private final Console console;
    private final dev.joulebench.core.MachineResources resources;
    private final RunControlFiles control;

    /** @param resources what specs are checked against (processors, memory with any --memory-limit) */
    RunLauncher(Console console, dev.joulebench.core.MachineResources resources) {
        this(console, resources, RunControlFiles.NONE);
    }

    /** @param control where the run's id is written and its stop is read ({@code run --id-file/--stop-file}) */
    RunLauncher(Console console, dev.joulebench.core.MachineResources resources, RunControlFiles control) {
        this.console = console;
        this.resources = resources;
        this.control = control;
    }

    /** @param energy how to measure the run's energy, or null not to */
    int launch(Path workspace, JobSpec spec, EnergySettings energy) throws InterruptedException {
        RunRecord result = run(workspace, spec, energy, List.of());
        print(result, new RunStore(workspace).runsDir().resolve(result.id()));
        // a pruned run did what its study asked (stop early), so its cluster job is not a failure either
        return result.status() == RunStatus.FINISHED || result.status() == RunStatus.PRUNED ? ExitCodes.OK
                : ExitCodes.JOB_FAILED;
    }

    /** Runs one spec to its end with progress on the console; {@code extra} instruments join the energy meter. */
    RunRecord run(Path workspace, JobSpec spec, EnergySettings energy, List<RunInstrumentFactory> extra)
            throws InterruptedException {
        RunStore store = new RunStore(workspace);
        try (EventBus bus = new EventBus()) {
            JobRunner runner = runner(store, bus, energy, extra, resources);
            AutoCloseable sub = bus.subscribe("console", new ProgressPrinter(console));
            RunHandle handle = runner.submit(spec);
            AutoCloseable watch = attach(handle);
            Thread hook = new Thread(() -> {
                if (!handle.completion().isDone()) {
                    console.info().println("\ncancelling " + handle.runId() + " ...");
                    handle.cancel();
                    try {
                        handle.completion().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // exiting anyway; run.json still says running and `runs list` shows it interrupted
                    }
                }
            }, "joulebench-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            RunRecord result = handle.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running: Ctrl-C arrived as the run ended
            }
            closeQuietly(watch);
            bus.drain(5, TimeUnit.SECONDS);
            closeQuietly(sub);
            droppedEvents(result).ifPresent(console.info()::println);
            return result;
        }
    }

    /** The control files attached to a started run; one that cannot be written cancels the run it names. */
    private AutoCloseable attach(RunHandle handle) throws InterruptedException {
        try {
            return control.attach(handle);
        } catch (java.io.IOException e) {
            handle.cancel();
            handle.await();
            throw new java.io.UncheckedIOException("run " + handle.runId() + " cancelled: its id could not be written ("
                    + dev.joulebench.core.store.FileErrors.describe(e) + ")", e);
        }
    }

    /**
     * The runner the command line uses: peak memory and (unless {@code energy} is null) energy measured on every run,
     * specs checked against {@code resources}.
     */
    static JobRunner runner(RunStore store, EventBus bus, EnergySettings energy, List<RunInstrumentFactory> extra,
                            dev.joulebench.core.MachineResources resources) {
        List<RunInstrumentFactory> instruments = new java.util.ArrayList<>(extra);
        instruments.add(s -> new dev.joulebench.core.PeakMemoryMeter());
        if (energy != null) {
            instruments.add(EnergyMeter.factory(energy));
        }
        return new JobRunner(store, bus, MonotonicClock.system(), ProvenanceCollector.fromServiceLoader(),
                instruments, dev.joulebench.core.JobEnvironment.of(store).with(resources));
    }

    /**
     * The line saying that a listener (this console's progress display, say) fell behind and missed some of
     * the run's events, or empty when none did; the run's files are written apart from listeners and are whole.
     */
    static java.util.Optional<String> droppedEvents(RunRecord r) {
        Double total = r.summary().get(MetricKeys.EVENTS_DROPPED);
        if (total == null || total <= 0) {
            return java.util.Optional.empty();
        }
        String who = r.reports().get(JobRunner.EVENTS_SECTION) instanceof Map<?, ?> section
                && section.get("dropped") instanceof Map<?, ?> byListener && !byListener.isEmpty()
                ? " (" + byListener.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")) + ")" : "";
        return java.util.Optional.of(String.format(Locale.ROOT, "note: listeners fell behind and missed %d events of "
                + "this run%s; metrics.jsonl and power.csv have them all (run.json: %s)", total.longValue(), who,
                MetricKeys.EVENTS_DROPPED));
    }

    private void print(RunRecord r, Path dir) {
        if (console.json()) {
            console.out().println(Json.write(r));
            return;
        }
        console.out().println("run " + r.id() + " " + r.status().json()
                + (r.durationSeconds() != null ? String.format(Locale.ROOT, " in %.1f s", r.durationSeconds()) : ""));
        if (r.error() != null) {
            console.out().println("error: " + r.error());
        }
        for (Map.Entry<String, Double> e : r.summary().entrySet()) {
            console.out().println(String.format(Locale.ROOT, "  %-26s %s", e.getKey(), Format.number(e.getValue())));
        }
        if (r.reports().get("energy") instanceof Map<?, ?> energy && energy.get("sources") instanceof List<?> sources) {
            for (Object o : sources) {
                if (o instanceof Map<?, ?> s) {
                    console.out().println(String.format(Locale.ROOT, "  energy %-5s %.3e kWh  %s (%s)", s.get("id"),
                            ((Number) s.get("kwh")).doubleValue(), s.get("method"), s.get("description")));
                }
            }
        }
        console.out().println("  results in " + dir);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // listener thread teardown only
        }
    }
}
