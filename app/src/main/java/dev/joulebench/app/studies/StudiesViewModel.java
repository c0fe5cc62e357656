package dev.joulebench.app.studies;

import dev.joulebench.core.store.RunStore;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studies of a workspace and the selected study's trials, live. While {@link #open() open}, the study folders
 * are polled every {@link #POLL_MS} ms: the {@code timer} only schedules, the reading (and the chart data's
 * computing and writing) happens on {@code io}, one poll at a time, and what changed is published on {@code fx}.
 * A file being replaced or damaged keeps the last good read on screen; a deleted study is dropped from the list.
 */
public final class StudiesViewModel {
    static final long POLL_MS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StudiesViewModel.class);

    private final Executor io;
    private final Executor fx;
    private final ScheduledExecutorService timer;
    private final StudyReader reader = new StudyReader();
    private final StudyChartData charts = new StudyChartData();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean pollAgain = new AtomicBoolean();
    private volatile Path workspace;
    /** Set when the workspace changed: the next poll forgets what it read (the reader is the poll's alone). */
    private final AtomicBoolean forget = new AtomicBoolean();
    /** Poll side only: whether the last publish showed no study, so an empty workspace is not re-published each poll. */
    private boolean showingNothing;
    /** Poll side only: the studies as last listed (the newest is shown when none was chosen). */
    private List<StudyRecord> known = List.of();
    /** The study the user chose (FX thread writes, the poll reads); null: the newest. */
    private volatile String selectedId;
    private ScheduledFuture<?> ticks;
    private Consumer<Path> onOpenRun = dir -> { };

    private final ObservableList<StudyRecord> studies = FXCollections.observableArrayList();
    private final ObservableList<StudyRecord> readOnlyStudies = FXCollections.unmodifiableObservableList(studies);
    private final ObservableList<TrialRow> trials = FXCollections.observableArrayList();
    private final ObservableList<TrialRow> readOnlyTrials = FXCollections.unmodifiableObservableList(trials);
    private final ReadOnlyObjectWrapper<StudyRecord> selected = new ReadOnlyObjectWrapper<>(this, "selectedStudy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper best = new ReadOnlyStringWrapper(this, "bestTrial", "");
    private final ReadOnlyBooleanWrapper noStudies = new ReadOnlyBooleanWrapper(this, "noStudies");
    private final ReadOnlyObjectWrapper<StudyPlots.Scatter> scatter = new ReadOnlyObjectWrapper<>(this, "scatter");
    private final ReadOnlyObjectWrapper<List<String>> parallelAxes = new ReadOnlyObjectWrapper<>(this, "parallelAxes",
            List.of());
    private final ReadOnlyStringWrapper parallelTitle = new ReadOnlyStringWrapper(this, "parallelTitle",
            "Parallel coordinates");
    private final ReadOnlyStringWrapper historyLabel = new ReadOnlyStringWrapper(this, "historyLabel", "");
    private final ReadOnlyLongWrapper updates = new ReadOnlyLongWrapper(this, "updates");

    public StudiesViewModel(Path workspace, Executor io, Executor fx, ScheduledExecutorService timer) {
        this.workspace = Objects.requireNonNull(workspace);
        this.io = io;
        this.fx = fx;
        this.timer = timer;
    }

    /** Starts polling (the view is shown). FX thread. */
    public void open() {
        if (ticks == null) {
            ticks = timer.scheduleWithFixedDelay(this::requestPoll, 0, POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops polling (the view is closed); what is shown stays until the next open. FX thread. */
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    public boolean isOpen() {
        return ticks != null;
    }

    /** Shows another workspace's studies. FX thread. */
    public void setWorkspace(Path dir) {
        workspace = Objects.requireNonNull(dir);
        selectedId = null;
        forget.set(true);
        requestPoll();
    }

    /** Shows study {@code id}. FX thread. */
    public void select(String id) {
        if (!Objects.equals(id, selectedId)) {
            selectedId = id;
            requestPoll();
        }
    }

    public void setOnOpenRun(Consumer<Path> action) {
        onOpenRun = Objects.requireNonNull(action);
    }

    /** Opens the trial's run in the panes; a trial without a run yet does nothing. */
    public void openRun(TrialRow row) {
        if (row != null && row.runId() != null) {
            onOpenRun.accept(new RunStore(workspace).runsDir().resolve(row.runId()));
        }
    }

    /** Every readable study of the workspace, oldest first. */
    public ObservableList<StudyRecord> studies() {
        return readOnlyStudies;
    }

    public ReadOnlyObjectProperty<StudyRecord> selectedStudyProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected study's trials by number. */
    public ObservableList<TrialRow> trials() {
        return readOnlyTrials;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bestTrialProperty() {
        return best.getReadOnlyProperty();
    }

    /** True when the workspace has no study at all (the view shows how to start one). */
    public ReadOnlyBooleanProperty noStudiesProperty() {
        return noStudies.getReadOnlyProperty();
    }

    /** The scatter's title and axis labels (its points are in {@link #charts()}), or null before a study is read. */
    public ReadOnlyObjectProperty<StudyPlots.Scatter> scatterProperty() {
        return scatter.getReadOnlyProperty();
    }

    /** The parallel coordinates' axis names: the parameters, then the objectives. */
    public ReadOnlyObjectProperty<List<String>> parallelAxesProperty() {
        return parallelAxes.getReadOnlyProperty();
    }

    /** The parallel chart's title: it says when only the best trials are drawn. */
    public ReadOnlyStringProperty parallelTitleProperty() {
        return parallelTitle.getReadOnlyProperty();
    }

    /** The metric the history chart plots. */
    public ReadOnlyStringProperty historyLabelProperty() {
        return historyLabel.getReadOnlyProperty();
    }

    /** Counts the reads published so far; the view re-attaches the parallel lines when it changes. */
    public ReadOnlyLongProperty updatesProperty() {
        return updates.getReadOnlyProperty();
    }

    public StudyChartData charts() {
        return charts;
    }

    /** Asks for a poll; one that comes while a poll runs makes it run once more. Any thread. */
    private void requestPoll() {
        pollAgain.set(true);
        if (polling.compareAndSet(false, true)) {
            io.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (pollAgain.getAndSet(false)) {
                poll();
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the studies of {} failed: {}", workspace, e.toString());
        } finally {
            polling.set(false);
        }
        if (pollAgain.get() && polling.compareAndSet(false, true)) {
            io.execute(this::drain);
        }
    }

    /** One poll: the list if the folders changed, then the chosen (or newest) study if its files changed. io. */
    private void poll() {
        if (forget.getAndSet(false)) {
            reader.forget();
            showingNothing = false;
            known = List.of();
        }
        StudyStore store = new StudyStore(workspace);
        List<StudyRecord> list = reader.studiesIfChanged(store);
        if (list != null) {
            known = list;
            fx.execute(() -> {
                studies.setAll(list);
                noStudies.set(list.isEmpty());
            });
        }
        String id = selectedId;
        if (id == null) {
            if (known.isEmpty()) {
                showNothing(null, "");
                return;
            }
            id = known.get(known.size() - 1).id();
        }
        StudyReader.Result r = reader.read(store, id);
        if (r instanceof StudyReader.Read read) {
            showingNothing = false;
            show(id, read.study(), read.trials());
        } else if (r instanceof StudyReader.Gone gone) {
            if (selectedId != null && selectedId.equals(gone.id())) {
                selectedId = null; // the newest remaining study on the next poll
                pollAgain.set(true);
            }
            showNothing(gone.id(), "Study " + gone.id() + " was deleted");
        } else if (r instanceof StudyReader.Unreadable bad) {
            LOG.debug("Study {} not readable now (next poll tries again): {}", bad.id(), bad.why());
        }
    }

    private void show(String id, StudyRecord study, List<Trial> all) {
        List<TrialRow> rows = all.stream().sorted(Comparator.comparingInt(Trial::number)).map(TrialRow::of)
                .toList();
        StudyPlots.History history = StudyPlots.history(study.spec(), all);
        StudyPlots.Scatter points = StudyPlots.scatter(study.spec(), all);
        StudyPlots.Parallel parallel = StudyPlots.parallel(study.spec(), all);
        String line = StudySummary.status(study, all);
        String bestText = StudySummary.best(study, all);
        charts.write(history, points, parallel);
        fx.execute(() -> {
            String wanted = selectedId;
            if (wanted != null && !wanted.equals(id)) {
                return; // another study was chosen meanwhile; its read follows
            }
            selected.set(study);
            // the list is read again only when folders come or go: keep the shown study's entry (its status) current
            for (int i = 0; i < studies.size(); i++) {
                if (studies.get(i).id().equals(study.id()) && !studies.get(i).equals(study)) {
                    studies.set(i, study);
                }
            }
            trials.setAll(rows);
            status.set(line);
            best.set(bestText);
            historyLabel.set(history.yLabel());
            scatter.set(points);
            parallelAxes.set(parallel.axes());
            parallelTitle.set(parallel.title());
            updates.set(updates.get() + 1);
        });
    }

    /** No study on screen: {@code goneId} was deleted (or null: there is none), {@code why} says so. */
    private void showNothing(String goneId, String why) {
        if (showingNothing && goneId == null) {
            return;
        }
        showingNothing = true;
        charts.clear();
        fx.execute(() -> {
            if (goneId != null) {
                studies.removeIf(s -> s.id().equals(goneId));
                noStudies.set(studies.isEmpty());
            }
            selected.set(null);
            trials.clear();
            status.set(why);
            best.set("");
            historyLabel.set("");
            scatter.set(null);
            parallelAxes.set(List.of());
            parallelTitle.set(new StudyPlots.Parallel(List.of(), List.of(), List.of(), 0).title());
            updates.set(updates.get() + 1);
        });
    }
}
