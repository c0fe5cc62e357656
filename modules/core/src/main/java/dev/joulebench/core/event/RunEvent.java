package dev.joulebench.core.event;

import java.util.Map;

/**
 * Everything a job tells the world, as immutable records. Listeners switch over the sealed set,
 * so a new kind of event is a compile error in every listener that must handle it.
 * {@code t} is seconds since the run started, on the run's monotonic clock.
 */
public sealed interface RunEvent {
    String runId();

    double t();

    record RunStarted(String runId, double t, String kind, String method, String runDir) implements RunEvent {}

    /** The run ended: finished, failed or cancelled; {@code error} is null unless it failed. */
    record RunEnded(String runId, double t, String status, String error, Map<String, Double> summary)
            implements RunEvent {}

    /** Work done so far of a known total, e.g. batches of an epoch. */
    record Progress(String runId, double t, String phase, long done, long total, String message) implements RunEvent {}

    /** One metric value; {@code step} counts optimizer steps, {@code epoch} is 0-based or -1 outside epochs. */
    record MetricPoint(String runId, double t, long step, int epoch, String name, double value) implements RunEvent {}

    /** A file the job wrote into the run directory (path relative to it). */
    record ArtifactWritten(String runId, double t, String path, String description) implements RunEvent {}

    /** The job entered a phase such as train or eval; energy is attributed per phase. */
    record PhaseChanged(String runId, double t, String phase) implements RunEvent {}

    /**
     * One sampler tick: watts per source id (cpu, ram, gpu0, ...); a source whose read failed is absent.
     * {@code methods} says per source whether the figure is measured or estimated.
     */
    record PowerSample(String runId, double t, Map<String, Double> watts, Map<String, String> methods)
            implements RunEvent {}

    /**
     * The energy ledger's running figures, emitted by the energy meter at a decimated rate (about
     * 2 Hz) and once more when it stops: cumulative joules per source id since the run started and
     * their sum. {@code methods} says per source how the figure is obtained: {@code measured (energy
     * counter)}, {@code measured (power readings integrated)} or {@code estimated (model)}. Listeners
     * plot these figures as they are; they never integrate {@link PowerSample} watts themselves.
     */
    record EnergyUpdate(String runId, double t, Map<String, Double> joulesBySource, Map<String, String> methods,
                        double totalJoules) implements RunEvent {
        public EnergyUpdate {
            // copies that keep the ledger's source order (cpu, gpus, ram) for legends and tables
            joulesBySource = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(joulesBySource));
            methods = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(methods));
        }
    }

    /**
     * A spectrum computed during or after a run: {@code kind} is {@code activation} (covariance of a
     * layer's hidden activations at a step) or {@code weight}; {@code topEigenvalues} descending;
     * {@code file} is where the full snapshot was stored, relative to the run directory.
     */
    record SpectrumSnapshot(String runId, double t, long step, int epoch, String layer, String kind,
                            double[] topEigenvalues, Map<String, Double> descriptors, String file) implements RunEvent {}

    record LogLine(String runId, double t, String level, String message) implements RunEvent {}
}
