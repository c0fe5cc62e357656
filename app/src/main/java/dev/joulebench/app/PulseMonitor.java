package dev.joulebench.app;

import io.fair_acc.bench.MeasurementRecorder;
import io.fair_acc.bench.TimeMeasure;
import io.fair_acc.chartfx.Chart;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Parent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the FX thread's responsiveness while the app runs and logs it every
 * {@value #REPORT_SECONDS} s:
 * <ul>
 *   <li>pulses per second and the longest wall-clock gap between two pulses (a gap much over a frame,
 *       16.7 ms at 60 Hz, is a stall the user sees);</li>
 *   <li>the most CPU time the FX thread itself used between two pulses: a long wall gap with little FX
 *       CPU means the thread was starved by other work on the machine, not busy with the app's;</li>
 *   <li>chart frames: chartfx canvas redraws per second (summed over the charts) and the longest one,
 *       from chartfx's own {@code chart-drawCanvas} measurement.</li>
 * </ul>
 * On only with {@code -D}{@value #PROPERTY}{@code =true}.
 */
public final class PulseMonitor extends AnimationTimer {
    public static final String PROPERTY = "joulebench.fx.monitor";
    private static final Logger LOG = LoggerFactory.getLogger(PulseMonitor.class);
    private static final long REPORT_SECONDS = 5;
    private static final String DRAW_TAG = "chart-drawCanvas";

    private final Node charts;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Set<Chart> instrumented = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MeasurementRecorder recorder = new MeasurementRecorder() {
        @Override
        public TimeMeasure newTime(String tag, IntSupplier level) {
            return DRAW_TAG.equals(tag) ? PulseMonitor.this::chartDrawn : TimeMeasure.DISABLED;
        }
    };
    private long last;
    private long lastCpu;
    private long windowStart;
    private long frames;
    private long chartDraws;
    private long maxDrawNanos;
    private long maxGapNanos;
    private long maxCpuNanos;
    private long sessionMaxGapNanos;
    private long sessionMaxCpuNanos;

    /** @param charts the node holding the charts to count */
    public PulseMonitor(Node charts) {
        this.charts = charts;
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public void handle(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        if (last != 0) {
            long gap = now - last;
            long cpuGap = cpu - lastCpu;
            maxGapNanos = Math.max(maxGapNanos, gap);
            maxCpuNanos = Math.max(maxCpuNanos, cpuGap);
            sessionMaxGapNanos = Math.max(sessionMaxGapNanos, gap);
            sessionMaxCpuNanos = Math.max(sessionMaxCpuNanos, cpuGap);
        } else {
            windowStart = now;
            instrumentCharts(charts);
        }
        last = now;
        lastCpu = cpu;
        frames++;
        double seconds = (now - windowStart) / 1e9;
        if (seconds >= REPORT_SECONDS) {
            LOG.info(String.format(Locale.ROOT,
                    "FX pulses %.1f/s, max pulse gap %.1f ms, max FX CPU between pulses %.1f ms;"
                            + " chart redraws %.1f/s over %d charts, longest %.1f ms"
                            + " (session: max gap %.1f ms, max FX CPU %.1f ms)",
                    frames / seconds, maxGapNanos / 1e6, maxCpuNanos / 1e6, chartDraws / seconds,
                    instrumented.size(), maxDrawNanos / 1e6, sessionMaxGapNanos / 1e6, sessionMaxCpuNanos / 1e6));
            windowStart = now;
            frames = 0;
            chartDraws = 0;
            maxDrawNanos = 0;
            maxGapNanos = 0;
            maxCpuNanos = 0;
            instrumentCharts(charts);
        }
    }

    /** The longest gap between two pulses since the monitor started, in milliseconds. */
    public double sessionMaxGapMillis() {
        return sessionMaxGapNanos / 1e6;
    }

    /** The most FX-thread CPU time between two pulses since the monitor started, in milliseconds. */
    public double sessionMaxCpuMillis() {
        return sessionMaxCpuNanos / 1e6;
    }

    private void chartDrawn(TimeUnit unit, long duration) {
        chartDraws++;
        maxDrawNanos = Math.max(maxDrawNanos, unit.toNanos(duration));
    }

    private void instrumentCharts(Node n) {
        if (n instanceof Chart c) {
            if (instrumented.add(c)) {
                c.setRecorder(recorder);
            }
            return;
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                instrumentCharts(child);
            }
        }
    }
}
