package dev.joulebench.app.workspace;

import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The runs of one workspace, filtered by text, with a selection. Listing reads run.json files on the
 * {@code io} executor; results are applied on {@code fx} (the FX thread in the app, the caller's in tests).
 */
public final class WorkspaceViewModel {
    private final Executor io;
    private final Executor fx;
    private final ReadOnlyObjectWrapper<Path> workspace = new ReadOnlyObjectWrapper<>(this, "workspace");
    private final ObservableList<RunRow> all = FXCollections.observableArrayList();
    private final FilteredList<RunRow> visible = new FilteredList<>(all, r -> true);
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<RunRow> readOnlyVisible = FXCollections.unmodifiableObservableList(visible);
    private final ObservableList<RunRow> readOnlyAll = FXCollections.unmodifiableObservableList(all);
    private final ObservableList<RunRow> selected = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final AtomicLong generation = new AtomicLong();
    private Consumer<RunRow> onOpen = r -> { };
    private Consumer<List<RunRow>> onCompare = r -> { };

    public WorkspaceViewModel(Path workspace, Executor io, Executor fx) {
        this.io = io;
        this.fx = fx;
        this.workspace.set(workspace);
        filter.addListener((o, a, b) -> visible.setPredicate(r -> r.matches(b)));
    }

    public ReadOnlyObjectProperty<Path> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    public Path workspace() {
        return workspace.get();
    }

    /** Switches to another workspace and lists it. */
    public void setWorkspace(Path dir) {
        workspace.set(Objects.requireNonNull(dir));
        selected.clear();
        refresh();
    }

    /** The runs passing the filter, oldest first as on disk; the view may sort its own copy. */
    public ObservableList<RunRow> rows() {
        return readOnlyVisible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Every run of the workspace, whatever the filter (e.g. the models the compress form offers). */
    public ObservableList<RunRow> allRows() {
        return readOnlyAll;
    }

    /** The view writes the table's selection here; open and compare act on it. */
    public ObservableList<RunRow> selection() {
        return selected;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the last listing failed, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void setOnOpen(Consumer<RunRow> action) {
        onOpen = Objects.requireNonNull(action);
    }

    public void setOnCompare(Consumer<List<RunRow>> action) {
        onCompare = Objects.requireNonNull(action);
    }

    /** Lists the workspace again; a listing that finishes after a newer one started is dropped. */
    public void refresh() {
        long gen = generation.incrementAndGet();
        Path ws = workspace.get();
        loading.set(true);
        io.execute(() -> {
            List<RunRow> rows;
            String failure = null;
            try {
                RunStore store = new RunStore(ws);
                rows = store.list().stream().map(r -> RunRow.of(r, store.runsDir())).toList();
            } catch (RuntimeException e) {
                rows = List.of();
                failure = "Cannot list runs in " + ws + ": " + e.getMessage();
            }
            List<RunRow> result = rows;
            String problem = failure;
            fx.execute(() -> {
                if (gen != generation.get()) {
                    return;
                }
                List<String> keep = selected.stream().map(RunRow::id).toList();
                all.setAll(result);
                selected.setAll(result.stream().filter(r -> keep.contains(r.id())).toList());
                error.set(problem);
                loading.set(false);
            });
        });
    }

    /** Opens the first selected run in the panes. */
    public void openSelected() {
        if (!selected.isEmpty()) {
            onOpen.accept(selected.get(0));
        }
    }

    public void open(RunRow row) {
        onOpen.accept(row);
    }

    /** Whether compare makes sense: two or more runs selected. */
    public boolean canCompare() {
        return selected.size() >= 2;
    }

    public void compareSelected() {
        if (canCompare()) {
            onCompare.accept(List.copyOf(selected));
        }
    }
}
