package dev.joulebench.app.status;

import dev.joulebench.app.jobs.JobService;
import dev.joulebench.app.jobs.JobState;
import dev.joulebench.app.jobs.RunProgress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar's state: the device training uses, the power sensors and whether each is measured
 * or estimated, and the running job's progress. The probes (PyTorch's GPU count, sysfs/NVML) run on
 * {@code io}; their results and the job's state are applied on {@code fx}.
 */
public final class StatusViewModel {
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "device: probing …");
    private final ReadOnlyStringWrapper sensors = new ReadOnlyStringWrapper(this, "sensors", "sensors: probing …");
    private final ReadOnlyStringWrapper sensorDetail = new ReadOnlyStringWrapper(this, "sensorDetail", "");
    private final ReadOnlyStringWrapper job = new ReadOnlyStringWrapper(this, "job", "idle");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);

    public StatusViewModel(JobService jobs) {
        job.bind(Bindings.createStringBinding(() -> jobText(jobs), jobs.stateProperty(), jobs.progressProperty(),
                jobs.runIdProperty()));
        progress.bind(Bindings.createDoubleBinding(() -> {
            JobState s = jobs.stateProperty().get();
            return s.busy() ? jobs.progressProperty().get().fraction() : 0.0;
        }, jobs.stateProperty(), jobs.progressProperty()));
    }

    /** Probes the device and the sensors once, off the FX thread. */
    public void probe(Executor io, Executor fx, Supplier<String> deviceProbe, Supplier<List<SensorInfo>> sensorProbe) {
        io.execute(() -> {
            String d;
            try {
                d = "device: " + deviceProbe.get();
            } catch (RuntimeException | LinkageError e) {
                d = "device: cpu (PyTorch not loaded: " + e.getMessage() + ")";
            }
            String dev = d;
            fx.execute(() -> device.set(dev));
            try {
                List<SensorInfo> found = sensorProbe.get();
                fx.execute(() -> setSensors(found));
            } catch (RuntimeException | LinkageError e) {
                fx.execute(() -> sensors.set("sensors: probe failed (" + e.getMessage() + ")"));
            }
        });
    }

    void setSensors(List<SensorInfo> found) {
        sensors.set(found.isEmpty() ? "sensors: none"
                : "sensors: " + found.stream().map(s -> s.id() + " " + s.method()).collect(Collectors.joining(" · ")));
        sensorDetail.set(found.stream().map(s -> s.id() + " (" + s.method() + "): " + s.description())
                .collect(Collectors.joining("\n")));
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** e.g. "sensors: cpu estimated · ram estimated" */
    public ReadOnlyStringProperty sensorsProperty() {
        return sensors.getReadOnlyProperty();
    }

    /** One line per sensor with its description (the tooltip). */
    public ReadOnlyStringProperty sensorDetailProperty() {
        return sensorDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobProperty() {
        return job.getReadOnlyProperty();
    }

    /** The running job's phase progress in [0, 1], -1 when unknown, 0 when idle. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    private static String jobText(JobService jobs) {
        JobState s = jobs.stateProperty().get();
        RunProgress p = jobs.progressProperty().get();
        return switch (s) {
            case IDLE -> "idle";
            case STARTING -> "starting …";
            case RUNNING, CANCELLING -> String.format(Locale.ROOT, "%s%s%s",
                    jobs.runIdProperty().get() == null ? "" : jobs.runIdProperty().get() + "  ",
                    s == JobState.CANCELLING ? "cancelling " : "", p.text());
        };
    }
}
