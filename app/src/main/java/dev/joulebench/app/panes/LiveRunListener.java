package dev.joulebench.app.panes;

import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * The panes' listener on a live run's bus: runs on the bus thread, records each point in the panes' data
 * (drawn by the flush thread), reloads a compress run's files on the loader when they change, and asks
 * for one coalesced refresh of labels and lists when something other than a point arrived.
 */
final class LiveRunListener implements RunEventListener {
    private final PanesData data;
    private final CompressionData compression;
    private final Executor loader;
    private final Runnable refresh;

    LiveRunListener(PanesData data, CompressionData compression, Executor loader, Runnable refresh) {
        this.data = data;
        this.compression = compression;
        this.loader = loader;
        this.refresh = refresh;
    }

    /** Bus thread. */
    @Override
    public void onEvent(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            data.liveStarted(s.runId(), s.method(), s.runDir());
            compression.liveStarted(s.runId(), s.kind(), s.method(), s.runDir());
        } else if (e instanceof RunEvent.MetricPoint m) {
            data.metric(m.runId(), m.t(), m.step(), m.name(), m.value()); // drawn at the next flush
            if (compression.liveMetric(m.runId(), m.step(), m.name(), m.value())
                    || CutMarkers.CUT.equals(m.name())) {
                refresh.run(); // a profiled χ or an RMT-KD cut: a few per minute
            }
            return;
        } else if (e instanceof RunEvent.ArtifactWritten a) {
            if (compression.isLive(a.runId()) && a.path().replace('\\', '/').startsWith("compress/")) {
                reloadCompression(a.runId());
            }
            return;
        } else if (e instanceof RunEvent.PowerSample p) {
            data.power(p.runId(), new PowerReading(p.t(), p.watts(), p.methods()));
            return;
        } else if (e instanceof RunEvent.EnergyUpdate u) {
            data.energy(u.runId(), u.t(), u.joulesBySource(), u.methods(), u.totalJoules()); // drawn at the next flush
            return;
        } else if (e instanceof RunEvent.SpectrumSnapshot s) {
            data.liveSnapshot(s.runId());
            if (compression.isLive(s.runId())) {
                reloadCompression(s.runId()); // RMT-KD rewrote spectra/rmtkd.json with this layer
            }
        } else if (e instanceof RunEvent.RunEnded end) {
            data.liveEnded(end.runId(), end.status(), end.summary());
            if (compression.isLive(end.runId())) {
                reloadCompression(end.runId()); // run.json now has the summary with energy per 1,000 inferences
            }
        } else {
            return; // progress, phases, logs and artifacts have no curve
        }
        refresh.run();
    }

    /** Reads the live compress run's files again on the loader (the bus thread only records points). */
    private void reloadCompression(String runId) {
        Path dir = compression.liveRunDir();
        if (dir != null) {
            loader.execute(() -> {
                if (compression.isLive(runId)) {
                    compression.load(dir);
                    refresh.run();
                }
            });
        }
    }
}
