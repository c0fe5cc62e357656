package dev.joulebench.energy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every selected sensor on its own scheduled thread (default 10 Hz) for the lifetime of a
 * run: each tick feeds the {@link EnergyLedger}, appends a {@code power.csv} row (when a file is
 * given) and hands a {@link Tick} to the listener. A sensor that fails mid-run leaves a gap for
 * that source and the sampling goes on; its first failure is logged once.
 */
public final class PowerSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSampler.class);

    /** Watts per source id of one tick (absent where the read failed) and the extras read. */
    public record Tick(double t, Map<String, Double> watts, Map<String, Map<String, Double>> extras) {}

    private final List<PowerSensor> sensors;
    private final EnergyLedger ledger;
    private final DoubleSupplier clock;
    private final Consumer<Tick> listener;
    private final PowerCsv csv;
    private final Set<String> failing = new HashSet<>();
    private final Map<String, String> lastError = new HashMap<>();
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> task;

    /**
     * @param clock    seconds since the run started (monotonic)
     * @param csvFile  power.csv to write, or null
     * @param listener receives each tick on the sampler thread; must be quick
     */
    public PowerSampler(List<PowerSensor> sensors, EnergyLedger ledger, DoubleSupplier clock, Path csvFile,
                        Consumer<Tick> listener) {
        this.sensors = List.copyOf(sensors);
        this.ledger = ledger;
        this.clock = clock;
        this.listener = listener;
        for (PowerSensor s : sensors) {
            ledger.register(s.id(), s.kind(), s.method(), s.description(), s.wattsIndependentOfCounter());
        }
        this.csv = csvFile == null ? null : new PowerCsv(csvFile, sensors);
    }

    /**
     * Samples once on a thread named {@code threadName} and returns when that first sample is taken
     * (so the ledger covers the run from here, whatever the caller does next), then samples every
     * {@code 1/hz} seconds on the same thread.
     */
    public void start(double hz, String threadName) {
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        schedule(hz, threadName, first);
        try {
            // bounded: a sensor whose read hangs must not hang the run that starts it
            if (!first.await(FIRST_SAMPLE_WAIT_S, TimeUnit.SECONDS)) {
                LOG.warn("the first power sample took over {} s; the run goes on without waiting", FIRST_SAMPLE_WAIT_S);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long FIRST_SAMPLE_WAIT_S = 10;

    private synchronized void schedule(double hz, String threadName, java.util.concurrent.CountDownLatch first) {
        if (!(hz > 0 && hz <= 1000)) {
            throw new IllegalArgumentException("sampling rate must be in (0, 1000] Hz, got " + hz);
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long periodMicros = Math.round(1e6 / hz);
        task = executor.scheduleAtFixedRate(() -> {
            sampleSafely();
            first.countDown();
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // An exception would silently cancel the schedule; keep sampling and say why once.
            if (lastError.put("sampler", e.toString()) == null) {
                LOG.warn("power sampling tick failed: {}", e.toString());
            }
        }
    }

    /** Reads every sensor once (also used for the final reading at stop). */
    public synchronized Tick sample() {
        double t = clock.getAsDouble();
        PowerReading[] readings = new PowerReading[sensors.size()];
        Map<String, Double> watts = new LinkedHashMap<>();
        Map<String, Map<String, Double>> extras = new LinkedHashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            PowerSensor s = sensors.get(i);
            try {
                PowerReading r = s.read();
                readings[i] = r;
                ledger.add(s.id(), t, r);
                if (Double.isFinite(r.watts())) {
                    watts.put(s.id(), r.watts());
                }
                if (!r.extras().isEmpty()) {
                    extras.put(s.id(), r.extras());
                }
                if (failing.remove(s.id())) {
                    LOG.info("sensor {} reads again at t={}s", s.id(), t);
                }
            } catch (SensorException | RuntimeException e) {
                ledger.gap(s.id(), t);
                if (failing.add(s.id())) {
                    lastError.put(s.id(), e.getMessage());
                    LOG.warn("sensor {} failed at t={}s, leaving a gap: {}", s.id(), String.format("%.1f", t),
                            e.getMessage());
                }
            }
        }
        if (csv != null) {
            try {
                csv.row(t, readings);
            } catch (IOException e) {
                lastError.put("power.csv", e.getMessage());
            }
        }
        Tick tick = new Tick(t, watts, extras);
        if (listener != null) {
            listener.accept(tick);
        }
        return tick;
    }

    /** The first error of each source that failed during the run (source id to message). */
    public synchronized Map<String, String> errors() {
        return Map.copyOf(lastError);
    }

    /** Stops the schedule and takes one last reading so the ledger covers the run to its end. */
    @Override
    public void close() {
        ScheduledExecutorService ex;
        synchronized (this) {
            ex = executor;
            if (task != null) {
                task.cancel(false);
            }
        }
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (executor != null) {
                sampleSafely();
                executor = null;
            }
            if (csv != null) {
                try {
                    csv.close();
                } catch (IOException e) {
                    lastError.put("power.csv", e.getMessage());
                }
            }
        }
    }
}
