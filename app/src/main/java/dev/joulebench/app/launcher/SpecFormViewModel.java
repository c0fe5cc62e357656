package dev.joulebench.app.launcher;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The part every job form's view-model shares: what its fields make, the spec or the problems that stop
 * it, each against the form field to mark. A subclass reads its fields and hands the outcome to
 * {@link #publish} whenever one changes; the job factory's own check (the one the command line runs)
 * follows off the FX thread through a {@link SpecChecker.Slot}, and until it answers the form has no spec,
 * so Start waits for it.
 *
 * @param <S> the kind of spec the form makes
 */
abstract class SpecFormViewModel<S extends JobSpec> implements JobFormModel {
    private final SpecChecker.Slot checks;
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    private final UnaryOperator<String> formField;
    private final ReadOnlyObjectWrapper<JobSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<String> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final List<String> invalid = new ArrayList<>();

    /**
     * @param checks    where this form's specs are checked by their job factory
     * @param formField spec field (or CLI option) → the form field that sets it
     */
    SpecFormViewModel(SpecChecker.Slot checks, UnaryOperator<String> formField) {
        this.checks = Objects.requireNonNull(checks);
        this.formField = formField;
    }

    @Override
    public final ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    @Override
    public final ReadOnlyObjectProperty<JobSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    @Override
    public final ObservableList<String> problems() {
        return readOnlyProblems;
    }

    @Override
    public final List<String> invalidFields() {
        return List.copyOf(invalid);
    }

    /**
     * Publishes one round of checks. While {@code found} (the fields' own problems, e.g. numbers that do not
     * parse) is empty, the candidate is made; its own rules are shown at once, and the job factory's full
     * check (those rules and everything that needs the disk or the engine) is asked for. The spec is the
     * candidate only once that check found nothing.
     */
    protected final void publish(List<SpecProblem> found, Supplier<S> candidate) {
        if (!found.isEmpty()) {
            checks.cancel();
            checking.set(false);
            show(found, null);
            return;
        }
        S made = candidate.get();
        show(new ArrayList<>(made.problems()), null);
        checking.set(true);
        checks.request(made, problems -> {
            checking.set(false);
            show(problems, problems.isEmpty() ? made : null);
        });
    }

    private void show(List<SpecProblem> found, S made) {
        invalid.clear();
        List<String> messages = new ArrayList<>();
        for (SpecProblem p : found) {
            String field = formField.apply(p.field());
            if (!invalid.contains(field)) {
                invalid.add(field);
            }
            messages.add(field + ": " + p.message() + (p.hint() == null || p.hint().isBlank() ? ""
                    : " (" + p.hint() + ")"));
        }
        if (!messages.equals(problems)) {
            problems.setAll(messages);
        }
        spec.set(made);
    }
}
