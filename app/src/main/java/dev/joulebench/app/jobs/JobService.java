package dev.joulebench.app.jobs;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.PeakMemoryMeter;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.RunInstrumentFactory;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.EnergyMeter;
import dev.joulebench.energy.EnergySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job at a time for the app, through the same {@link JobRunner} and instruments as the
 * CLI's {@code RunLauncher}: peak memory and, unless switched off, the energy meter. Each run gets
 * its own {@link EventBus}; the registered live listeners (the chart panes) are subscribed on it, and
 * so is this service's progress listener, which hands the latest progress to the UI through a
 * {@link CoalescingUpdater} (at most ~10 updates a second). State changes (started, ended) are
 * posted to {@code fx} once each.
 */
public final class JobService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final long PROGRESS_INTERVAL_MS = 100;

    private final Executor launcher;
    private final Executor fx;
    private final ProvenanceCollector provenance;
    private final Map<String, Supplier<RunEventListener>> liveListeners = new LinkedHashMap<>();
    private final CoalescingUpdater<RunProgress> progressUpdater;

    private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(this, "state", JobState.IDLE);
    private final ReadOnlyObjectWrapper<RunProgress> progress = new ReadOnlyObjectWrapper<>(this, "progress",
            RunProgress.NONE);
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper(this, "runId");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>(this, "runDir");
    private final ReadOnlyObjectWrapper<RunRecord> lastEnded = new ReadOnlyObjectWrapper<>(this, "lastEnded");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    private volatile RunHandle current;
    private volatile boolean cancelRequested;

    /**
     * @param launcher runs submission and waits for the end (a named single-thread executor the app owns)
     * @param fx       where state changes are applied: the FX thread
     * @param timer    the coalescing timer's thread (named, owned by the app)
     */
    public JobService(Executor launcher, Executor fx, ScheduledExecutorService timer,
                      ProvenanceCollector provenance) {
        this.launcher = launcher;
        this.fx = fx;
        this.provenance = provenance;
        this.progressUpdater = new CoalescingUpdater<>(fx, timer, PROGRESS_INTERVAL_MS, p -> {
            if (state.get().busy()) {
                progress.set(p);
            }
        });
    }

    /** Subscribes a fresh listener from {@code factory} on every run's bus (call on the FX thread, before runs). */
    public void addLiveListener(String name, Supplier<RunEventListener> factory) {
        liveListeners.put(name, factory);
    }

    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunProgress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The id of the run going on (or last started), or null. */
    public ReadOnlyStringProperty runIdProperty() {
        return runId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    /** The record of the run that ended last (finished, failed or cancelled). */
    public ReadOnlyObjectProperty<RunRecord> lastEndedProperty() {
        return lastEnded.getReadOnlyProperty();
    }

    /** Why the last start failed (bad spec, missing dataset), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Starts a run of {@code spec} in {@code workspace} (FX thread). Returns false, doing nothing,
     * while another job is busy.
     *
     * @param energy how to measure energy, or null not to
     */
    public boolean start(JobSpec spec, Path workspace, EnergySettings energy) {
        if (state.get().busy()) {
            return false;
        }
        state.set(JobState.STARTING);
        cancelRequested = false;
        progress.set(new RunProgress("", -1, "starting " + spec.kind() + " " + spec.method() + " …"));
        error.set(null);
        List<Map.Entry<String, RunEventListener>> listeners = new ArrayList<>();
        liveListeners.forEach((name, f) -> listeners.add(Map.entry(name, f.get())));
        launcher.execute(() -> run(spec, workspace, energy, listeners));
        return true;
    }

    /** Asks the running job to stop; it ends as cancelled and keeps what it recorded. */
    public void cancel() {
        if (state.get() != JobState.RUNNING && state.get() != JobState.STARTING) {
            return;
        }
        cancelRequested = true;
        state.set(JobState.CANCELLING);
        progress.set(new RunProgress("", -1, "cancelling …"));
        RunHandle h = current;
        if (h != null) {
            h.cancel();
        }
    }

    private void run(JobSpec spec, Path workspace, EnergySettings energy,
                     List<Map.Entry<String, RunEventListener>> listeners) {
        List<RunInstrumentFactory> instruments = new ArrayList<>();
        instruments.add(s -> new PeakMemoryMeter());
        if (energy != null) {
            instruments.add(EnergyMeter.factory(energy));
        }
        List<AutoCloseable> subscriptions = new ArrayList<>();
        try (EventBus bus = new EventBus()) {
            for (Map.Entry<String, RunEventListener> l : listeners) {
                subscriptions.add(bus.subscribe(l.getKey(), l.getValue()));
            }
            subscriptions.add(bus.subscribe("app-progress", this::onEvent));
            JobRunner runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(), provenance,
                    instruments);
            RunHandle handle;
            try {
                handle = runner.submit(spec);
            } catch (RuntimeException e) {
                LOG.info("Run not started: {}", e.getMessage());
                fx.execute(() -> {
                    error.set(e.getMessage());
                    progress.set(RunProgress.NONE);
                    state.set(JobState.IDLE);
                });
                return;
            }
            current = handle;
            if (cancelRequested) {
                handle.cancel();
            }
            fx.execute(() -> {
                runId.set(handle.runId());
                runDir.set(handle.runDir());
                if (state.get() == JobState.STARTING) {
                    state.set(JobState.RUNNING);
                }
            });
            RunRecord result = awaitQuietly(handle);
            // Let the panes see the last points and the RunEnded event before the bus closes.
            bus.drain(5, TimeUnit.SECONDS);
            current = null;
            fx.execute(() -> {
                progress.set(RunProgress.NONE);
                state.set(JobState.IDLE);
                lastEnded.set(result);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    LOG.debug("unsubscribe: {}", e.toString());
                }
            }
        }
    }

    private RunRecord awaitQuietly(RunHandle handle) throws InterruptedException {
        try {
            return handle.await();
        } catch (IllegalStateException e) {
            LOG.error("Run {} bookkeeping failed", handle.runId(), e);
            return new RunStore(handle.runDir().getParent().getParent()).load(handle.runId());
        }
    }

    private void onEvent(RunEvent e) {
        if (e instanceof RunEvent.Progress p) {
            progressUpdater.offer(RunProgress.of(p));
        }
    }

    /** Cancels a running job and waits briefly for it to record its end. */
    @Override
    public void close() {
        RunHandle h = current;
        if (h != null) {
            h.cancel();
            try {
                h.completion().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Run {} did not end within 30 s of the app closing", h.runId());
            }
        }
    }
}
