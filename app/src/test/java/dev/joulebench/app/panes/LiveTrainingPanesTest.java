package dev.joulebench.app.panes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.support.TestPanes;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.EnergyMeter;
import dev.joulebench.energy.EnergySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real training run through the JobRunner with the energy meter (10 Hz power) streams into the
 * panes; meanwhile the FX pulses are timed, and the longest gap and the pulse rate are printed
 * (measured, not asserted: speed is for benchmarks).
 */
@ExtendWith(ApplicationExtension.class)
class LiveTrainingPanesTest {
    @RegisterExtension
    final TestPanes shown = new TestPanes();
    private RunPanes panes;

    @TempDir
    Path workspace;

    @Start
    void start(Stage stage) {
        panes = shown.show(stage, 1280, 800);
    }

    @Test
    void aRealTrainingRunStreamsLossAccuracyPowerAndSpectraIntoThePanes(FxRobot robot) throws Exception {
        // baseline: the same window with nothing streaming, for 2 s of pulses
        PulseRecorder idle = new PulseRecorder();
        robot.interact(idle::start);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> idle.seconds() >= 2.0);
        robot.interact(idle::stop);
        System.out.printf(Locale.ROOT, "[panes] idle: %d FX pulses in %.2f s = %.1f pulses/s; longest gap %.1f ms;"
                + " gaps > 16.7 ms: %d%n", idle.count(), idle.seconds(), idle.count() / idle.seconds(),
                idle.maxGapMs(), idle.gapsOver(16.7));

        // second baseline: the same training with the panes not subscribed (what the CPU load alone costs)
        PulseRecorder unsubscribed = new PulseRecorder();
        robot.interact(unsubscribed::start);
        try (EventBus bus = new EventBus()) {
            new JobRunner(new RunStore(workspace.resolve("unsubscribed")), bus, MonotonicClock.system(),
                    ProvenanceCollector.fromServiceLoader(), List.of(EnergyMeter.factory(EnergySettings.defaults())))
                    .submit(spec()).await();
        }
        robot.interact(unsubscribed::stop);
        System.out.printf(Locale.ROOT, "[panes] training, panes not subscribed: %.1f pulses/s; longest gap %.1f ms;"
                + " gaps > 16.7 ms: %d%n", unsubscribed.count() / unsubscribed.seconds(), unsubscribed.maxGapMs(),
                unsubscribed.gapsOver(16.7));

        PulseRecorder pulses = new PulseRecorder();
        robot.interact(() -> {
            pulses.attach(((javafx.scene.Node) panes.node()).getScene());
            pulses.start();
        });
        Thread fxThread = WaitForAsyncUtils.asyncFx(Thread::currentThread).get();
        java.util.Map<String, Integer> stalls = new java.util.concurrent.ConcurrentHashMap<>();
        Thread watch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (pulses.count() > 0 && System.nanoTime() - pulses.last > 40_000_000L) {
                    Thread target = Boolean.getBoolean("panes.watchRenderer") ? Thread.getAllStackTraces().keySet()
                            .stream().filter(th -> th.getName().startsWith("QuantumRenderer")).findFirst()
                            .orElse(fxThread) : fxThread;
                    StackTraceElement[] st = target.getStackTrace();
                    StringBuilder sb = new StringBuilder(target.getState().toString());
                    for (int i = 0; i < Math.min(Integer.getInteger("panes.depth", 14), st.length); i++) {
                        sb.append("\n    ").append(st[i]);
                    }
                    stalls.merge(sb.toString(), 1, Integer::sum);
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-watch");
        watch.setDaemon(true);
        watch.start();
        RunRecord record;
        try (EventBus bus = new EventBus()) {
            JobRunner runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                    ProvenanceCollector.fromServiceLoader(), List.of(EnergyMeter.factory(EnergySettings.defaults())));
            AutoCloseable sub = bus.subscribe("panes", panes.liveListener());
            record = runner.submit(spec()).await();
            assertThat(bus.drain(20, TimeUnit.SECONDS)).isTrue();
            sub.close();
        }
        robot.interact(() -> {
            pulses.stop();
            pulses.detach();
        });
        watch.interrupt();
        stalls.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .forEach(e -> System.out.println("[stall] " + e.getValue() + " x " + e.getKey()));
        assertThat(record.status()).as(record.error()).isEqualTo(RunStatus.FINISHED);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> panes.pointCount("train/loss") > 0
                && panes.pointCount("val/accuracy") > 0 && panes.pointCount("power/cpu") > 0
                && panes.pointCount("energy/kwh") > 0);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> panes.selectedSnapshotProperty().get() != null).get());
        // the final weight spectra are written as the job ends, with no event: the end of the run loads them
        assertThat(panes.spectrumLayers()).anyMatch(k -> k.endsWith("(weights)"))
                .anyMatch(k -> k.endsWith("(activations)"));
        WaitForAsyncUtils.waitForFxEvents();
        System.out.printf(Locale.ROOT, "[panes] live run %.2f s: train/loss %d, val/accuracy %d, power/cpu %d points;"
                        + " %d FX pulses in %.2f s = %.1f pulses/s; longest pulse gap %.1f ms; gaps > 16.7 ms: %d,"
                        + " > 33 ms: %d (pipeline %s)%n",
                record.durationSeconds(), panes.pointCount("train/loss"), panes.pointCount("val/accuracy"),
                panes.pointCount("power/cpu"), pulses.count(), pulses.seconds(), pulses.count() / pulses.seconds(),
                pulses.maxGapMs(), pulses.gapsOver(16.7), pulses.gapsOver(33.4),
                System.getProperty("prism.order", "default"));
        System.out.println("[panes] longest gaps:" + pulses.longest(8));
        System.out.println("[panes] " + pulses.work());
    }

    /** samples, mlp:784-32-10, 2 epochs of batch 16 (about 100 steps), activation spectra every 10 steps. */
    private static TrainSpec spec() {
        return TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-32-10").epochs(2).batchSize(16).optimizer("adam").validationFraction(0.2).seed(7L).device("cpu").threads(1).spectraEvery(10).spectraWindow(64).build();
    }

    /** Times the FX pulses with an AnimationTimer (it also keeps a pulse running every frame). */
    static final class PulseRecorder extends AnimationTimer {
        private long first;
        volatile long last;
        private long workMax;
        private long workSum;
        private long workCount;
        private long workOver16;
        private Scene scene;
        private final Runnable afterLayout = this::pulseWorkDone;
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private long cpuAtPulse;
        private long cpuMax;
        private long cpuSum;
        private long lastNow;
        private long count;
        private long maxGap;
        private final long[] gaps = new long[200_000];

        @Override
        public synchronized void handle(long now) {
            if (count > 0) {
                long gap = now - lastNow;
                maxGap = Math.max(maxGap, gap);
                if (count - 1 < gaps.length) {
                    gaps[(int) (count - 1)] = gap;
                }
            } else {
                first = now;
            }
            lastNow = now;
            last = System.nanoTime();
            cpuAtPulse = threads.getCurrentThreadCpuTime();
            count++;
        }

        /**
         * Also times the FX thread's own work in each pulse: from the animation step (first in a pulse) to
         * the end of the scene's post-layout listeners (chartfx draws its canvases there), which excludes
         * the wait for the renderer thread to finish the previous frame. FX thread.
         */
        void attach(Scene s) {
            scene = s;
            s.addPostLayoutPulseListener(afterLayout);
        }

        void detach() {
            if (scene != null) {
                scene.removePostLayoutPulseListener(afterLayout);
            }
        }

        private synchronized void pulseWorkDone() {
            if (count == 0) {
                return;
            }
            long work = System.nanoTime() - last;
            long cpu = threads.getCurrentThreadCpuTime() - cpuAtPulse;
            cpuMax = Math.max(cpuMax, cpu);
            cpuSum += cpu;
            workMax = Math.max(workMax, work);
            workSum += work;
            workCount++;
            if (work > 16_700_000L) {
                workOver16++;
            }
        }

        synchronized String work() {
            return String.format(Locale.ROOT, "FX work per pulse (CSS, layout, chart drawing): longest %.1f ms, mean %.2f ms,"
                    + " over 16.7 ms: %d of %d", workMax / 1e6, workCount == 0 ? 0 : workSum / 1e6 / workCount,
                    workOver16, workCount) + String.format(Locale.ROOT, "; its FX-thread CPU time: longest %.1f ms,"
                    + " mean %.2f ms", cpuMax / 1e6, workCount == 0 ? 0 : cpuSum / 1e6 / workCount);
        }

        long count() {
            return count;
        }

        synchronized double seconds() {
            return (lastNow - first) / 1e9;
        }

        double maxGapMs() {
            return maxGap / 1e6;
        }

        /** "at+offset:gap" of the {@code n} longest gaps, ms. */
        String longest(int n) {
            int k = (int) Math.max(0, Math.min(count - 1, gaps.length));
            Integer[] idx = new Integer[k];
            for (int i = 0; i < k; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> Long.compare(gaps[b], gaps[a]));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(n, k); i++) {
                long at = 0;
                for (int j = 0; j < idx[i]; j++) {
                    at += gaps[j];
                }
                sb.append(String.format(Locale.ROOT, " %.0fms@%.2fs", gaps[idx[i]] / 1e6, at / 1e9));
            }
            return sb.toString();
        }

        long gapsOver(double ms) {
            long n = 0;
            for (int i = 0; i < Math.min(count - 1, gaps.length); i++) {
                if (gaps[i] / 1e6 > ms) {
                    n++;
                }
            }
            return n;
        }
    }
}
