package dev.joulebench.app.launcher;

import dev.joulebench.core.spec.JobSpec;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ObservableList;

/**
 * The state of one job kind's form (train now; compress, eval as they land): the spec its fields
 * make, and what is wrong with them. One tab of the launcher per model.
 */
public interface JobFormModel {
    /** The tab title, e.g. "Train". */
    String title();

    /** The spec kind this form edits, as in {@link JobSpec#kind()}. */
    String kind();

    /** True while the job factory's check of the fields has not answered (the spec is null meanwhile). */
    ReadOnlyBooleanProperty checkingProperty();

    /** The spec the fields make, or null while any field is invalid. */
    ReadOnlyObjectProperty<JobSpec> specProperty();

    /** Every problem, each naming the field, e.g. "epochs: must be >= 1 (got 0)"; empty when valid. */
    ObservableList<String> problems();

    /** Whether {@link #load} takes this spec (its kind matches). */
    default boolean accepts(JobSpec spec) {
        return spec != null && kind().equals(spec.kind());
    }

    /** Fills the fields from a spec (opened from a file, or a run to repeat). */
    void load(JobSpec spec);

    /** The form fields' names with a problem (for marking them), a subset of the form's field names. */
    List<String> invalidFields();
}
