package dev.joulebench.study;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trials on this machine through the workspace's {@link JobRunner}, {@code parallel} at a time; the
 * intermediate values come from the runs' metric events on the runner's bus.
 */
public final class LocalExecutor implements TrialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);
    private final java.util.function.Function<JobSpec, RunHandle> submit;
    private final int parallel;
    private final String metric;
    private final Map<String, IntermediateListener> listeners = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    /**
     * @param bus    the bus {@code runner} emits on
     * @param metric the intermediate metric (per epoch) to report
     */
    public LocalExecutor(JobRunner runner, EventBus bus, int parallel, String metric) {
        this(runner::submit, bus, parallel, metric);
    }

    /** With the way a spec becomes a run given: tests pass a runner's {@code submit(spec, job)} with their own job. */
    LocalExecutor(java.util.function.Function<JobSpec, RunHandle> submit, EventBus bus, int parallel, String metric) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.submit = submit;
        this.parallel = parallel;
        this.metric = metric;
        this.subscription = bus.subscribe("study", event -> {
            if (event instanceof RunEvent.MetricPoint m && metric.equals(m.name()) && m.epoch() >= 0) {
                IntermediateListener l = listeners.get(m.runId());
                if (l != null) {
                    l.reported(m.epoch(), m.value());
                }
            }
        });
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int parallel() {
        return parallel;
    }

    @Override
    public TrialRun start(int number, JobSpec spec, Path specFile, IntermediateListener listener) {
        RunHandle handle = submit.apply(spec);
        listeners.put(handle.runId(), listener);
        CompletableFuture<String> ended = handle.completion().handle((r, e) -> {
            listeners.remove(handle.runId());
            return handle.runId();
        });
        return new TrialRun() {
            @Override
            public String id() {
                return handle.runId();
            }

            @Override
            public void prune() {
                handle.prune();
            }

            @Override
            public void cancel() {
                handle.cancel();
            }

            @Override
            public CompletableFuture<String> ended() {
                return ended;
            }
        };
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("closing the study's event subscription: {}", e.toString());
        }
    }
}
