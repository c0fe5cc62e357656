package dev.joulebench.app.launcher;

import dev.joulebench.app.jobs.JobService;
import dev.joulebench.app.jobs.JobState;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The launcher: one form per job kind (a tab each), the shared footprint settings, Start and Cancel,
 * and spec files in the same JSON as {@code joulebench run SPEC.json}.
 */
public final class LauncherViewModel {
    private final List<JobFormModel> forms;
    private final FootprintFormViewModel footprint;
    private final JobService jobs;
    private final Supplier<Path> workspace;
    private final ObjectProperty<JobFormModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<String> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper(this, "canCancel");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

    public LauncherViewModel(List<JobFormModel> forms, FootprintFormViewModel footprint, JobService jobs,
                             Supplier<Path> workspace) {
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("a launcher needs at least one form");
        }
        this.forms = List.copyOf(forms);
        this.footprint = footprint;
        this.jobs = jobs;
        this.workspace = workspace;
        selected.set(forms.get(0));
        ListChangeListener<String> onProblems = c -> updateProblems();
        for (JobFormModel f : forms) {
            f.problems().addListener(onProblems);
            f.specProperty().addListener(o -> updateProblems());
            f.checkingProperty().addListener(o -> updateProblems());
        }
        footprint.problems().addListener(onProblems);
        footprint.footprintProperty().addListener(o -> updateProblems());
        selected.addListener(o -> updateProblems());
        jobs.stateProperty().addListener(o -> updateProblems());
        jobs.errorProperty().addListener((o, a, b) -> {
            if (b != null) {
                message.set("Not started: " + b);
            }
        });
        BooleanBinding cancellable = Bindings.createBooleanBinding(
                () -> jobs.stateProperty().get() == JobState.RUNNING || jobs.stateProperty().get() == JobState.STARTING,
                jobs.stateProperty());
        canCancel.bind(cancellable);
        updateProblems();
    }

    public List<JobFormModel> forms() {
        return forms;
    }

    public FootprintFormViewModel footprint() {
        return footprint;
    }

    public ObjectProperty<JobFormModel> selectedProperty() {
        return selected;
    }

    /** The selected form's and the footprint's problems together. */
    public ObservableList<String> problems() {
        return readOnlyProblems;
    }

    /** True while the selected form's spec is being checked by its job factory (Start waits for it). */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** True when the selected form makes a valid spec, the footprint is valid and no job is busy. */
    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    /** The last action's outcome (spec saved, not started because …). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean start() {
        if (!canStart.get()) {
            return false;
        }
        JobSpec spec = selected.get().specProperty().get();
        message.set("");
        return jobs.start(spec, workspace.get(), footprint.energySettings());
    }

    public void cancel() {
        jobs.cancel();
    }

    /** Writes the selected form's spec; false (with a message) while the form is invalid or the write fails. */
    public boolean saveSpec(Path file) {
        JobSpec spec = selected.get().specProperty().get();
        if (spec == null) {
            message.set("Cannot save: fix the form first (" + String.join("; ", problems) + ")");
            return false;
        }
        try {
            Files.writeString(file, Json.write(spec) + "\n");
            message.set("Spec saved to " + file);
            return true;
        } catch (IOException e) {
            message.set("Cannot save " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** Loads a spec file into the form of its kind and selects that form; false with a message when it cannot. */
    public boolean openSpec(Path file) {
        JobSpec spec;
        try {
            spec = Json.readSpec(file);
        } catch (BadInputException e) {
            message.set(e.getMessage());
            return false;
        }
        for (JobFormModel f : forms) {
            if (f.accepts(spec)) {
                f.load(spec);
                selected.set(f);
                message.set("Opened " + file.getFileName());
                return true;
            }
        }
        message.set("The app has no form for " + spec.kind() + " specs yet; run it with: joulebench run " + file);
        return false;
    }

    private void updateProblems() {
        JobFormModel f = Objects.requireNonNull(selected.get());
        List<String> all = new ArrayList<>(f.problems());
        all.addAll(footprint.problems());
        problems.setAll(all);
        checking.set(f.checkingProperty().get());
        canStart.set(all.isEmpty() && f.specProperty().get() != null && footprint.footprintProperty().get() != null
                && !jobs.stateProperty().get().busy());
    }
}
