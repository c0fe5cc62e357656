package dev.joulebench.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.joulebench.app.compare.CompareRow;
import dev.joulebench.app.compare.CompareTableViewModel;
import dev.joulebench.app.compare.CompareView;
import dev.joulebench.app.jobs.JobService;
import dev.joulebench.app.launcher.CompressForm;
import dev.joulebench.app.launcher.CompressFormViewModel;
import dev.joulebench.app.launcher.FootprintFormViewModel;
import dev.joulebench.app.launcher.LauncherView;
import dev.joulebench.app.launcher.LauncherViewModel;
import dev.joulebench.app.launcher.TrainForm;
import dev.joulebench.app.launcher.SpecChecker;
import dev.joulebench.app.launcher.TrainFormViewModel;
import dev.joulebench.app.panes.RunPanes;
import dev.joulebench.app.settings.AppSettings;
import dev.joulebench.app.settings.SettingsStore;
import dev.joulebench.app.status.SensorInfo;
import dev.joulebench.app.status.StatusBar;
import dev.joulebench.app.status.StatusViewModel;
import dev.joulebench.app.studies.StudiesView;
import dev.joulebench.app.studies.StudiesViewModel;
import dev.joulebench.app.workspace.RunRow;
import dev.joulebench.app.workspace.RunsWatcher;
import dev.joulebench.app.workspace.WorkspaceView;
import dev.joulebench.app.workspace.WorkspaceViewModel;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.energy.footprint.FootprintSettings;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.TorchEngine;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench window: workspace (left), the run panes with the compare table under them (centre),
 * the launcher (right), the status bar (bottom), a menu holding every action with its shortcut.
 * It wires the view-models together; each view and view-model is its own class.
 */
public final class MainWindow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    private final Stage stage;
    private final SettingsStore settingsStore;
    private AppSettings settings;
    private final RunPanes panes;
    private final JobService jobs;
    private final WorkspaceViewModel workspace;
    private final TrainFormViewModel trainForm;
    private final CompressFormViewModel compressForm;
    private final FootprintFormViewModel footprint;
    private final LauncherViewModel launcher;
    private final CompareTableViewModel compare = new CompareTableViewModel();
    private final StatusViewModel status;
    private final SplitPane main;
    private final SplitPane centre;
    private final CompareView compareView;
    private final StudiesViewModel studies;
    private final StudiesView studiesView;
    private final WorkspaceView workspaceView;
    private final LauncherView launcherView;
    private final Scene scene;
    private final dev.joulebench.app.report.ReportExportAction exportReport;
    private RunsWatcher watcher;
    private PulseMonitor monitor;

    public MainWindow(Stage stage, Path workspaceDir, SettingsStore settingsStore, AppExecutors executors) {
        this.stage = stage;
        this.settingsStore = settingsStore;
        this.settings = settingsStore.load();
        Executor fx = Platform::runLater;

        footprint = new FootprintFormViewModel();
        panes = new RunPanes(executors.io(), FootprintSettings.defaults());
        rememberExportFolder();
        jobs = new JobService(executors.launcher(), fx, executors.timer(), ProvenanceCollector.fromServiceLoader());
        jobs.addLiveListener("panes", panes::liveListener);
        footprint.footprintProperty().addListener((o, a, b) -> {
            if (b != null) {
                panes.setFootprint(b);
            }
        });

        workspace = new WorkspaceViewModel(workspaceDir, executors.io(), fx);
        workspace.setOnOpen(this::open);
        workspace.setOnCompare(this::compare);
        jobs.lastEndedProperty().addListener((o, a, b) -> workspace.refresh());
        jobs.runIdProperty().addListener((o, a, b) -> workspace.refresh());

        // the job factories' checks, off the FX thread, 250 ms after the last edit
        SpecChecker checker = new SpecChecker(SpecChecker.factories(workspace::workspace),
                SpecChecker.Scheduler.of(executors.checks()), fx, 250);
        trainForm = new TrainFormViewModel(TrainFormViewModel.installedMethods(), checker.slot());
        compressForm = new CompressFormViewModel(checker.slot());
        workspace.allRows().addListener((javafx.collections.ListChangeListener<RunRow>) c ->
                compressForm.setRuns(workspace.allRows()));
        launcher = new LauncherViewModel(List.of(trainForm, compressForm), footprint, jobs, workspace::workspace);
        status = new StatusViewModel(jobs);
        status.probe(executors.io(), fx, () -> Devices.name(Devices.resolve("auto", TorchEngine.get())),
                SensorInfo::probeSystem);

        workspaceView = new WorkspaceView(workspace);
        launcherView = new LauncherView(launcher, List.of(new TrainForm(trainForm), new CompressForm(compressForm)));
        compareView = new CompareView(compare, this::closeCompare);
        studies = new StudiesViewModel(workspaceDir, executors.io(), fx, executors.timer());
        studies.setOnOpenRun(panes::show);
        studiesView = new StudiesView(studies, this::closeStudies);
        centre = new SplitPane(panes.node());
        centre.setOrientation(Orientation.VERTICAL);
        main = new SplitPane(workspaceView.node(), centre, launcherView.node());
        SplitPane.setResizableWithParent(workspaceView.node(), false);
        SplitPane.setResizableWithParent(launcherView.node(), false);

        exportReport = new dev.joulebench.app.report.ReportExportAction(stage, new dev.joulebench.app.report.ReportExport(
                executors.io(), fx, dev.joulebench.report.spi.PdfReportWriter::new), workspace::workspace,
                this::reportSubjects, dev.joulebench.app.report.ReportExportAction::fileDialog);
        BorderPane root = new BorderPane(main);
        root.setTop(menu());
        root.setBottom(new StatusBar(status).node());
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(settings.width(), screen.getWidth()),
                Math.min(settings.height(), screen.getHeight()));
        applyTheme(settings.dark());
        stage.setTitle("Joulebench");
        stage.setScene(scene);
        restoreBounds();
        stage.setOnCloseRequest(e -> close());
        watchWorkspace(workspaceDir);
        workspace.refresh();
        if (PulseMonitor.enabled()) {
            monitor = new PulseMonitor(panes.node());
            monitor.start();
        }
    }

    public void show() {
        stage.show();
        // Focus the runs, not the filter field, so its prompt stays readable and Ctrl+Enter starts at once.
        workspaceView.table().requestFocus();
        List<Double> d = settings.dividers();
        if (d.size() == 2) {
            main.setDividerPositions(d.get(0), d.get(1));
        }
    }

    public RunPanes panes() {
        return panes;
    }

    public JobService jobs() {
        return jobs;
    }

    public WorkspaceViewModel workspace() {
        return workspace;
    }

    public TrainFormViewModel trainForm() {
        return trainForm;
    }

    public CompressFormViewModel compressForm() {
        return compressForm;
    }

    public LauncherViewModel launcher() {
        return launcher;
    }

    public CompareTableViewModel compareTable() {
        return compare;
    }

    public Scene scene() {
        return scene;
    }

    private void open(RunRow row) {
        closeCompare();
        panes.show(row.dir());
    }

    private void compare(List<RunRow> rows) {
        panes.compare(rows.stream().map(RunRow::dir).toList());
        compare.setRows(rows.stream().map(r -> CompareRow.of(r.record(), r.dataset())).toList());
        if (!centre.getItems().contains(compareView.node())) {
            centre.getItems().add(compareView.node());
            centre.setDividerPositions(0.72);
        }
    }

    private void closeCompare() {
        centre.getItems().remove(compareView.node());
        compare.clear();
    }

    /** View ▸ Studies: the studies under the panes (a trial's run opens in them), polled while shown. */
    private void openStudies() {
        closeCompare();
        if (!centre.getItems().contains(studiesView.node())) {
            centre.getItems().add(studiesView.node());
            centre.setDividerPositions(0.55);
        }
        studies.open();
    }

    private void closeStudies() {
        centre.getItems().remove(studiesView.node());
        studies.close();
    }

    public StudiesViewModel studies() {
        return studies;
    }

    private MenuBar menu() {
        return AppMenu.create(new AppMenu.Actions(this::chooseWorkspace, launcherView::openSpec,
                launcherView::saveSpec, exportReport, () -> {
                    close();
                    stage.close();
                }, launcher::start, launcher::cancel, workspace::refresh, workspaceView::focusFilter,
                workspace::compareSelected, this::openStudies, () -> applyTheme(!settings.dark()), this::showShortcuts,
                launcher.canStartProperty(), launcher.canCancelProperty()));
    }

    /** The chart export dialog opens where the last chart was saved, in this session and the next. */
    private void rememberExportFolder() {
        String last = settings.exportFolder();
        if (last != null && java.nio.file.Files.isDirectory(Path.of(last))) {
            panes.exports().folderProperty().set(Path.of(last));
        }
        panes.exports().folderProperty().addListener((o, a, dir) -> {
            if (dir != null) {
                settings = settings.withExportFolder(dir.toString());
            }
        });
    }

    /** What File ▸ Export report… reports: the selected runs, else the runs of the open comparison. */
    private dev.joulebench.app.report.ReportExportAction.Subjects reportSubjects() {
        if (!workspace.selection().isEmpty()) {
            return new dev.joulebench.app.report.ReportExportAction.Subjects(
                    workspace.selection().stream().map(RunRow::id).toList(), "the selected runs");
        }
        return new dev.joulebench.app.report.ReportExportAction.Subjects(
                compare.rows().stream().map(r -> r.run()).toList(), "the comparison");
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION, AppMenu.SHORTCUTS);
        a.setHeaderText("Keyboard shortcuts");
        a.initOwner(stage);
        a.show();
    }

    private void chooseWorkspace() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open workspace");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            switchWorkspace(dir.toPath().toAbsolutePath().normalize());
        }
    }

    /** Lists another workspace; runs started from now on are recorded there. */
    public void switchWorkspace(Path dir) {
        watchWorkspace(dir);
        workspace.setWorkspace(dir);
        studies.setWorkspace(dir);
        settings = settings.withWorkspace(dir.toString());
    }

    private void watchWorkspace(Path dir) {
        if (watcher != null) {
            watcher.close();
        }
        watcher = RunsWatcher.start(dir, () -> Platform.runLater(workspace::refresh));
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        settings = settings.withDark(dark);
    }

    /** Restores the remembered bounds, kept on a screen that exists now (the settings may come from a bigger one). */
    private void restoreBounds() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(settings.width(), screen.getWidth());
        double h = Math.min(settings.height(), screen.getHeight());
        stage.setWidth(w);
        stage.setHeight(h);
        if (settings.x() != null && settings.y() != null
                && !Screen.getScreensForRectangle(settings.x(), settings.y(), w, h).isEmpty()) {
            stage.setX(settings.x());
            stage.setY(settings.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(settings.maximized());
    }

    private boolean closed;

    /** Saves the layout, cancels a running job (it ends cancelled), stops watchers and timers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!stage.isMaximized()) {
            settings = settings.withBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
        } else {
            settings = settings.withBounds(settings.x() == null ? 0 : settings.x(),
                    settings.y() == null ? 0 : settings.y(), settings.width(), settings.height(), true);
        }
        settings = settings.withDividers(Arrays.stream(main.getDividerPositions()).boxed().toList())
                .withWorkspace(workspace.workspace().toString());
        settingsStore.save(settings);
        if (monitor != null) {
            monitor.stop();
            LOG.info(String.format(java.util.Locale.ROOT, "FX session: max pulse gap %.1f ms, max FX CPU between"
                    + " pulses %.1f ms", monitor.sessionMaxGapMillis(), monitor.sessionMaxCpuMillis()));
        }
        if (watcher != null) {
            watcher.close();
        }
        studies.close();
        jobs.close();
        panes.close();
    }
}
