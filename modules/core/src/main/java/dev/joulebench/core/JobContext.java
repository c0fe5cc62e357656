package dev.joulebench.core;

import dev.joulebench.core.event.EventSink;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.store.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a running job may use: its seed and device request, its run directory, the clock, the
 * cancellation flag and the event sink. Metrics go to {@code metrics.jsonl} before listeners see
 * them, so what a listener shows is always on disk.
 */
public final class JobContext {
    private final String runId;
    private final long seed;
    private final String device;
    private final RunDirectory runDir;
    private final MonotonicClock clock;
    private final long startNanos;
    private final CancellationToken cancellation;
    private final EventSink events;
    private volatile java.util.List<RunInstrument> instruments = java.util.List.of();
    private final Map<String, String> settings = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<String, Object> sections = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final java.util.Deque<AutoCloseable> toClose = new java.util.concurrent.ConcurrentLinkedDeque<>();

    public JobContext(String runId, long seed, String device, RunDirectory runDir, MonotonicClock clock,
                      CancellationToken cancellation, EventSink events) {
        this.runId = runId;
        this.seed = seed;
        this.device = device;
        this.runDir = runDir;
        this.clock = clock;
        this.startNanos = clock.nanoTime();
        this.cancellation = cancellation;
        this.events = events;
    }

    public String runId() {
        return runId;
    }

    public long seed() {
        return seed;
    }

    /** The device as requested: auto, cpu, gpu or gpu:N. */
    public String device() {
        return device;
    }

    public Path runDir() {
        return runDir.path();
    }

    public MonotonicClock clock() {
        return clock;
    }

    public CancellationToken cancellation() {
        return cancellation;
    }

    public EventSink events() {
        return events;
    }

    /** Seconds since the run started. */
    public double elapsed() {
        return (clock.nanoTime() - startNanos) / 1e9;
    }

    public void metric(long step, int epoch, String name, double value) {
        RunEvent.MetricPoint p = new RunEvent.MetricPoint(runId, elapsed(), step, epoch, name, value);
        runDir.appendMetric(p);
        events.emit(p);
    }

    public void progress(String phase, long done, long total, String message) {
        events.emit(new RunEvent.Progress(runId, elapsed(), phase, done, total, message));
    }

    public void artifact(Path file, String description) {
        Path rel = runDir.path().relativize(runDir.path().resolve(file).toAbsolutePath().normalize());
        events.emit(new RunEvent.ArtifactWritten(runId, elapsed(), rel.toString(), description));
    }

    /** Marks the start of a phase (train, eval, ...); instruments attribute what follows to it. */
    public void phase(String phase) {
        double t = elapsed();
        for (RunInstrument i : instruments) {
            i.phase(phase, t);
        }
        events.emit(new RunEvent.PhaseChanged(runId, t, phase));
    }

    void attach(java.util.List<RunInstrument> attached) {
        instruments = java.util.List.copyOf(attached);
    }

    public void log(String level, String message) {
        events.emit(new RunEvent.LogLine(runId, elapsed(), level, message));
    }

    /** Records a fact decided at run time (device used, threads) in the run's provenance. */
    public void setting(String key, String value) {
        settings.put(key, value);
    }

    /**
     * Records a structured fact about the run (such as the data split it trained on) as a section of
     * run.json's {@code reports}; a later call with the same name replaces it.
     */
    public void section(String name, Object detail) {
        sections.put(name, detail);
    }

    /**
     * Ties a resource to the run, such as process-wide engine settings the job changed
     * ({@code ctx.closeAtEnd(TorchEngine.configure(seed, threads))}): the runner closes it, last
     * registered first, as soon as the job has ended, however it ended. Returns the resource.
     */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        toClose.push(java.util.Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** The resources to close at the end of the run, last registered first; each is handed out once. */
    java.util.List<AutoCloseable> takeResources() {
        java.util.List<AutoCloseable> out = new java.util.ArrayList<>();
        for (AutoCloseable c = toClose.poll(); c != null; c = toClose.poll()) {
            out.add(c);
        }
        return out;
    }

    Map<String, Object> sections() {
        synchronized (sections) {
            return new java.util.LinkedHashMap<>(sections);
        }
    }

    Map<String, String> settings() {
        synchronized (settings) {
            return new java.util.LinkedHashMap<>(settings);
        }
    }
}
