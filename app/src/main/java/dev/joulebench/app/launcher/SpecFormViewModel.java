package dev.joulebench.app.launcher;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The part every job form's view-model shares: what its fields make, the spec or the problems that stop
 * it, each against the form field to mark. A subclass reads its fields and hands the outcome to
 * {@link #publish} whenever one changes.
 *
 * @param <S> the kind of spec the form makes
 */
abstract class SpecFormViewModel<S extends JobSpec> implements JobFormModel {
    private final Function<S, List<String>> deepCheck;
    private final UnaryOperator<String> formField;
    private final ReadOnlyObjectWrapper<JobSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<String> readOnlyProblems = FXCollections.unmodifiableObservableList(problems);
    private final List<String> invalid = new ArrayList<>();

    /**
     * @param deepCheck problems beyond the spec's own rules, each "field: message"; empty when none
     * @param formField spec field (or CLI option) → the form field that sets it
     */
    SpecFormViewModel(Function<S, List<String>> deepCheck, UnaryOperator<String> formField) {
        this.deepCheck = Objects.requireNonNull(deepCheck);
        this.formField = formField;
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
     * parse) is empty, the candidate is made and checked by its own rules, then, only if those pass, by the
     * deep check; the spec is the candidate when nothing was found, else null.
     */
    protected final void publish(List<SpecProblem> found, Supplier<S> candidate) {
        S made = null;
        if (found.isEmpty()) {
            made = candidate.get();
            found.addAll(made.problems());
            if (found.isEmpty()) {
                for (String p : deepCheck.apply(made)) {
                    found.add(asProblem(p));
                }
            }
        }
        invalid.clear();
        List<String> messages = new ArrayList<>();
        for (SpecProblem p : found) {
            String field = formField.apply(p.field());
            if (!invalid.contains(field)) {
                invalid.add(field);
            }
            messages.add(field + ": " + p.message());
        }
        problems.setAll(messages);
        spec.set(found.isEmpty() ? made : null);
    }

    /** "field: message" → that field's problem; text without a field name is a problem of the whole spec. */
    private static SpecProblem asProblem(String text) {
        int colon = text.indexOf(": ");
        if (colon > 0 && text.substring(0, colon).matches("[A-Za-z-]+")) {
            return new SpecProblem(text.substring(0, colon), text.substring(colon + 2));
        }
        return new SpecProblem("spec", text);
    }
}
