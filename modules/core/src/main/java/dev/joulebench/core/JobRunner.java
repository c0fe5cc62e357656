package dev.joulebench.core;

import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.metric.MetricKeys;
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
 * finished, failed (with the message; metrics so far are kept) or cancelled. Every run that got a
 * directory ends that way, with a {@link RunEvent.RunEnded}, also when it could not start, so no run.json
 * is left saying running by a process that is still alive. run.json also records how many of the run's
 * events a listener missed ({@code events/dropped}).
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
        this(store, bus, clock, provenance, instruments, null);
    }

    /** @param environment what specs are checked against; null for this workspace and machine as they are */
    public JobRunner(RunStore store, EventBus bus, MonotonicClock clock, ProvenanceCollector provenance,
                     List<RunInstrumentFactory> instruments, JobEnvironment environment) {
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.provenance = provenance;
        this.instruments = List.copyOf(instruments);
        this.environment = environment;
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
        JobFactory factory;
        try {
            factory = JobFactory.forSpec(spec);
        } catch (BadInputException none) {
            // a spec naming an unknown method says so, not "no job installed"
            spec.requireValid(JobSpec.class);
            throw none;
        }
        Job job = factory.create(spec, environment());
        return submit(spec, job);
    }

    /**
     * Starts the job on its own thread. Once the run directory exists every path ends the run: whatever
     * fails before the job's thread is running (provenance, an instrument factory, the thread itself) marks
     * it failed with the message and emits {@link RunEvent.RunEnded}, and the returned handle is complete.
     */
    public RunHandle submit(JobSpec spec, Job job) {
        Instant created = clock.now();
        RunDirectory dir = store.create(spec.kind(), spec.method(), created);
        CancellationToken token = new CancellationToken();
        JobContext ctx = new JobContext(dir.id(), spec.seed(), spec.device(), dir, clock, token, bus);
        CompletableFuture<RunRecord> done = new CompletableFuture<>();
        RunHandle handle = new RunHandle(dir.id(), dir.path(), token, done);
        RunRecord record = running(dir, spec, created, null);
        Provenance prov = null;
        boolean announced = false;
        try {
            prov = provenance.collect(spec.seed());
            record = running(dir, spec, created, prov);
            dir.writeRecord(record);
            announce(dir, spec);
            announced = true;
            List<RunInstrument> attached = new ArrayList<>();
            for (RunInstrumentFactory f : instruments) {
                attached.add(f.create(spec));
            }
            RunRecord started = record;
            Provenance p = prov;
            Thread worker = new Thread(() -> {
                try {
                    done.complete(execute(job, ctx, dir, started, p, attached));
                } catch (Throwable t) { // NOPMD: whatever ends the thread, a caller of await() must not wait forever
                    done.completeExceptionally(t);
                    LOG.error("Run {}: its end could not be recorded", dir.id(), t);
                    if (t instanceof VirtualMachineError vme) {
                        throw vme;
                    }
                }
            }, "job-" + dir.id());
            worker.start();
        } catch (Throwable t) { // NOPMD: an Error here too must not leave run.json saying running
            LOG.error("Run {} could not start", dir.id(), t);
            if (!announced) {
                announce(dir, spec);
            }
            try {
                done.complete(finish(ctx, dir, record, prov, RunStatus.FAILED, "could not start the run: " + describe(t),
                        Map.of(), List.of()));
            } catch (Throwable bookkeeping) { // NOPMD: the handle must complete either way
                bookkeeping.addSuppressed(t);
                done.completeExceptionally(bookkeeping);
            }
            if (t instanceof VirtualMachineError vme) {
                throw vme;
            }
        }
        return handle;
    }

    private static RunRecord running(RunDirectory dir, JobSpec spec, Instant created, Provenance prov) {
        return new RunRecord(dir.id(), spec.kind(), spec.method(), RunStatus.RUNNING, created.toString(), null, null,
                ProcessHandle.current().pid(), RunRecord.currentProcessStart(), spec, prov, null, Map.of(), null);
    }

    private void announce(RunDirectory dir, JobSpec spec) {
        bus.emit(new RunEvent.RunStarted(dir.id(), 0, spec.kind(), spec.method(), dir.path().toString()));
    }

    private RunRecord execute(Job job, JobContext ctx, RunDirectory dir, RunRecord record, Provenance prov,
                              List<RunInstrument> attached) {
        RunStatus status;
        String error = null;
        Map<String, Double> summary = Map.of();
        List<RunInstrument> started = new ArrayList<>();
        VirtualMachineError fatal = null;
        try {
            start(attached, ctx, started);
            ctx.attach(started);
            JobResult result = job.run(ctx);
            summary = result == null ? Map.of() : result.summary();
            status = ctx.cancellation().isCancelled() ? stopped(ctx) : RunStatus.FINISHED;
        } catch (CancelledException e) {
            status = stopped(ctx);
        } catch (Throwable e) { // NOPMD: an Error from native code (or an instrument) must still mark the run failed
            status = RunStatus.FAILED;
            error = describe(e);
            LOG.error("Run {} failed", dir.id(), e);
            if (e instanceof VirtualMachineError vme) {
                fatal = vme;
            }
        }
        RunRecord ended = finish(ctx, dir, record, prov, status, error, summary, started);
        if (fatal != null) {
            throw fatal;
        }
        return ended;
    }

    private static RunStatus stopped(JobContext ctx) {
        return ctx.cancellation().isPruned() ? RunStatus.PRUNED : RunStatus.CANCELLED;
    }

    /**
     * Starts each instrument into {@code started}; one that cannot start (an exception, a missing native
     * library, a broken assertion) is logged and left out and the run goes on without it. Any other Error
     * propagates and fails the run; the instruments already started are still stopped.
     */
    private static void start(List<RunInstrument> attached, JobContext ctx, List<RunInstrument> started) {
        for (RunInstrument i : attached) {
            try {
                i.start(ctx);
                started.add(i);
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.warn("Run {}: {} did not start: {}", ctx.runId(), i.getClass().getSimpleName(), e.toString());
                ctx.log("WARN", i.getClass().getSimpleName() + " did not start: " + describe(e));
            }
        }
    }

    private RunRecord finish(JobContext ctx, RunDirectory dir, RunRecord record, Provenance prov, RunStatus status,
                             String error, Map<String, Double> jobSummary, List<RunInstrument> started) {
        for (AutoCloseable c : ctx.takeResources()) {
            try {
                c.close();
            } catch (Throwable e) { // NOPMD: the run's end must be recorded whatever a resource does
                LOG.warn("Run {}: closing {} failed: {}", ctx.runId(), c.getClass().getSimpleName(), e.toString());
            }
        }
        Map<String, Double> summary = new LinkedHashMap<>(jobSummary);
        Map<String, Object> reports = new LinkedHashMap<>();
        VirtualMachineError fatal = null;
        for (RunInstrument i : started) {
            try {
                RunInstrument.Report r = i.stop(ctx);
                if (r != null) {
                    reports.put(r.section(), r.detail());
                    summary.putAll(r.summary());
                }
            } catch (Throwable e) { // NOPMD: an Error in one instrument's stop must not leave the run running
                LOG.warn("Run {}: {} failed to stop: {}", ctx.runId(), i.getClass().getSimpleName(), e.toString());
                if (e instanceof VirtualMachineError vme && fatal == null) {
                    fatal = vme;
                }
            }
        }
        ctx.sections().forEach(reports::putIfAbsent);
        perThousandInferences(summary);
        recordDroppedEvents(dir.id(), summary, reports);
        double duration = ctx.elapsed();
        Map<String, String> settings = new LinkedHashMap<>(prov == null ? Map.of() : prov.settings());
        settings.putAll(ctx.settings());
        RunRecord ended = record.ended(status, clock.now().toString(), duration, error, summary,
                prov == null ? null : prov.withSettings(settings), reports);
        try {
            ended = write(dir, ended);
        } catch (RuntimeException e) {
            String why = "run.json could not be written: " + describe(e);
            bus.emit(new RunEvent.RunEnded(dir.id(), duration, RunStatus.FAILED.json(), why, ended.summary()));
            throw e;
        } finally {
            closeQuietly(dir);
        }
        bus.emit(new RunEvent.RunEnded(dir.id(), duration, ended.status().json(), ended.error(), ended.summary()));
        if (fatal != null) {
            throw fatal;
        }
        return ended;
    }

    /**
     * Writes the final record; when that fails (a report Jackson cannot write, say) it writes the run as
     * failed without its reports rather than leave it running, and throws only if that fails too.
     */
    private static RunRecord write(RunDirectory dir, RunRecord ended) {
        try {
            dir.writeRecord(ended);
            return ended;
        } catch (RuntimeException e) {
            LOG.error("Run {}: cannot write its final run.json", dir.id(), e);
            RunRecord bare = new RunRecord(ended.id(), ended.kind(), ended.method(), RunStatus.FAILED,
                    ended.createdAt(), ended.endedAt(), ended.durationSeconds(), ended.pid(), ended.pidStartedAt(),
                    ended.spec(), ended.provenance(), "the run ended " + ended.status().json()
                    + " but its reports could not be written to run.json: " + describe(e), ended.summary(), null);
            try {
                dir.writeRecord(bare);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                throw e;
            }
            return bare;
        }
    }

    /** What listeners missed of this run, in the summary ({@code events/dropped}) and by listener in reports. */
    private void recordDroppedEvents(String runId, Map<String, Double> summary, Map<String, Object> reports) {
        Map<String, Long> dropped = bus.droppedInRun(runId);
        long total = dropped.values().stream().mapToLong(Long::longValue).sum();
        if (total > 0) {
            summary.put(MetricKeys.EVENTS_DROPPED, (double) total);
            reports.put(EVENTS_SECTION, Map.of("dropped", dropped));
            LOG.warn("Run {}: listeners missed {} events (queue full): {}", runId, total, dropped);
        }
    }

    /** Key in run.json's reports of what the run's listeners missed: {@code {"dropped": {listener: n}}}. */
    public static final String EVENTS_SECTION = "events";

    private static void closeQuietly(RunDirectory dir) {
        try {
            dir.close();
        } catch (RuntimeException e) {
            // every metric line was flushed as it was written; only the file handle is lost
            LOG.warn("Run {}: closing metrics.jsonl failed: {}", dir.id(), e.toString());
        }
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
        return dev.joulebench.core.store.FileErrors.describe(e);
    }
}
