package dev.joulebench.core;

import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.EventSink;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a run's lifecycle: validates the spec, creates the run directory, writes {@code run.json}
 * as running with provenance, runs the job on its own named thread, and writes the final status:
 * finished, failed (with the message; metrics so far are kept) or cancelled.
 */
public final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RunStore store;
    private final EventBus bus;
    private final MonotonicClock clock;
    private final ProvenanceCollector provenance;
    private final List<RunInstrumentFactory> instruments;
    private volatile JobEnvironment environment;

    public JobRunner(RunStore store, EventBus bus, MonotonicClock clock, ProvenanceCollector provenance) {
        this(store, bus, clock, provenance, List.of());
    }

    /** With instruments (such as the energy meter) attached to every run. */
    public JobRunner(RunStore store, EventBus bus, MonotonicClock clock, ProvenanceCollector provenance,
                     List<RunInstrumentFactory> instruments) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.provenance = provenance;
        this.instruments = List.copyOf(instruments);
    }

    public RunStore store() {
        return store;
    }

    /** What specs are checked against: this runner's workspace and the installed engine's devices. */
    public JobEnvironment environment() {
        JobEnvironment e = environment;
        if (e == null) {
            e = JobEnvironment.of(store);
            environment = e;
        }
        return e;
    }

    /** Checks the spec with its factory (throwing {@link dev.joulebench.core.spec.InvalidSpecException} before any run exists) and starts its job. */
    public RunHandle submit(JobSpec spec) {
        if (!spec.problems().isEmpty()) {
            throw new dev.joulebench.core.spec.InvalidSpecException(spec.kind(), spec.problems());
        }
        Job job = JobFactory.forSpec(spec).create(spec, environment());
        return submit(spec, job);
    }

    public RunHandle submit(JobSpec spec, Job job) {
        Instant created = clock.now();
        RunDirectory dir = store.create(spec.kind(), spec.method(), created);
        long seed = spec.seed();
        Provenance prov = provenance.collect(seed);
        RunRecord record = new RunRecord(dir.id(), spec.kind(), spec.method(), RunStatus.RUNNING, created.toString(),
                null, null, ProcessHandle.current().pid(), spec, prov, null, Map.of());
        dir.writeRecord(record);

        CancellationToken token = new CancellationToken();
        EventSink sink = bus;
        JobContext ctx = new JobContext(dir.id(), seed, spec.device(), dir, clock, token, sink);
        List<RunInstrument> attached = new ArrayList<>();
        for (RunInstrumentFactory f : instruments) {
            attached.add(f.create(spec));
        }
        CompletableFuture<RunRecord> done = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                done.complete(execute(job, ctx, dir, record, prov, attached));
            } catch (Throwable t) { // NOPMD: whatever ends the thread, a caller of await() must not wait forever
                done.completeExceptionally(t);
                throw t;
            }
        }, "job-" + dir.id());
        sink.emit(new RunEvent.RunStarted(dir.id(), 0, spec.kind(), spec.method(), dir.path().toString()));
        worker.start();
        return new RunHandle(dir.id(), dir.path(), token, done);
    }

    private RunRecord execute(Job job, JobContext ctx, RunDirectory dir, RunRecord record, Provenance prov,
                              List<RunInstrument> attached) {
        RunStatus status;
        String error = null;
        Map<String, Double> summary = Map.of();
        List<RunInstrument> started = start(attached, ctx);
        ctx.attach(started);
        try {
            JobResult result = job.run(ctx);
            summary = result == null ? Map.of() : result.summary();
            status = ctx.cancellation().isCancelled() ? RunStatus.CANCELLED : RunStatus.FINISHED;
        } catch (CancelledException e) {
            status = RunStatus.CANCELLED;
        } catch (Throwable e) { // NOPMD: an Error from native code must still mark the run failed
            status = RunStatus.FAILED;
            error = describe(e);
            LOG.error("Run {} failed", dir.id(), e);
            if (e instanceof VirtualMachineError vme) {
                finish(ctx, dir, record, prov, status, error, summary, started);
                throw vme;
            }
        }
        return finish(ctx, dir, record, prov, status, error, summary, started);
    }

    /** Starts each instrument; one that cannot start is logged and left out, the run goes on without it. */
    private static List<RunInstrument> start(List<RunInstrument> attached, JobContext ctx) {
        List<RunInstrument> started = new ArrayList<>();
        for (RunInstrument i : attached) {
            try {
                i.start(ctx);
                started.add(i);
            } catch (Exception | LinkageError e) {
                LOG.warn("Run {}: {} did not start: {}", ctx.runId(), i.getClass().getSimpleName(), e.toString());
                ctx.log("WARN", i.getClass().getSimpleName() + " did not start: " + e.getMessage());
            }
        }
        return started;
    }

    private RunRecord finish(JobContext ctx, RunDirectory dir, RunRecord record, Provenance prov, RunStatus status,
                             String error, Map<String, Double> jobSummary, List<RunInstrument> started) {
        Map<String, Double> summary = new LinkedHashMap<>(jobSummary);
        Map<String, Object> reports = new LinkedHashMap<>();
        for (RunInstrument i : started) {
            try {
                RunInstrument.Report r = i.stop(ctx);
                if (r != null) {
                    reports.put(r.section(), r.detail());
                    summary.putAll(r.summary());
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Run {}: {} failed to stop: {}", ctx.runId(), i.getClass().getSimpleName(), e.toString());
            }
        }
        ctx.sections().forEach(reports::putIfAbsent);
        perThousandInferences(summary);
        double duration = ctx.elapsed();
        Map<String, String> settings = new LinkedHashMap<>(prov.settings());
        settings.putAll(ctx.settings());
        RunRecord ended = record.ended(status, clock.now().toString(), duration, error, summary,
                prov.withSettings(settings), reports);
        try {
            dir.writeRecord(ended);
        } finally {
            dir.close();
        }
        ctx.events().emit(new RunEvent.RunEnded(dir.id(), duration, status.json(), error, ended.summary()));
        return ended;
    }

    /**
     * A job that counts inferences in a phase ({@code inferences/<phase>}) gets, where an instrument measured
     * that phase's energy ({@code energy/<phase>_kwh}), {@code energy/<phase>_kwh_per_1000_inferences}.
     */
    static void perThousandInferences(Map<String, Double> summary) {
        for (Map.Entry<String, Double> e : List.copyOf(summary.entrySet())) {
            if (e.getKey().startsWith(INFERENCES) && e.getValue() != null && e.getValue() > 0) {
                String phase = e.getKey().substring(INFERENCES.length());
                Double kwh = summary.get("energy/" + phase + "_kwh");
                if (kwh != null) {
                    summary.put("energy/" + phase + "_kwh_per_1000_inferences", kwh / e.getValue() * 1000.0);
                }
            }
        }
    }

    /** Summary key prefix of a phase's inference count, e.g. {@code inferences/eval}. */
    public static final String INFERENCES = "inferences/";

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }
}
