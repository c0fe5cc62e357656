package dev.joulebench.app.studies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.AppExecutors;
import dev.joulebench.app.AppMenu;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.study.Pareto;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import io.fair_acc.dataset.DataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Studies view over study folders written by the study module's own classes (StudyStore, StudyDirectory),
 * headless (Monocle): table, charts, live updates from trials.json, a deleted study, opening a trial's run.
 */
@ExtendWith(ApplicationExtension.class)
class StudiesViewTest {
    private static final String RUN0 = "20260101-000000-train-bp-0a00";
    private static final String SINGLE = """
            {"name": "single", "base": {"kind": "train", "method": "bp", "dataset": "samples",
              "model": "mlp:784-${width}-10"},
             "parameters": [
               {"name": "lr", "type": "float", "low": 1e-4, "high": 1e-1, "log": true, "field": "learningRate"},
               {"name": "width", "type": "int", "low": 16, "high": 256, "step": 16},
               {"name": "batch", "type": "categorical", "choices": [32, 64, 128, 256], "field": "batchSize"}],
             "objectives": [{"metric": "val/best_accuracy", "direction": "maximize"}],
             "trials": 20}""";
    private static final String DOUBLE = """
            {"name": "double", "base": {"kind": "train", "method": "bp", "dataset": "samples",
              "model": "mlp:784-32-10"},
             "parameters": [{"name": "lr", "type": "float", "low": 1e-4, "high": 1e-1, "log": true,
               "field": "learningRate"}],
             "objectives": [{"metric": "val/best_accuracy", "direction": "maximize"},
               {"metric": "energy/kwh", "direction": "minimize"}],
             "trials": 8}""";

    @TempDir
    Path workspace;
    @TempDir
    Path emptyWorkspace;
    private AppExecutors executors;
    private StudiesViewModel model;
    private StudiesView view;
    private StudyDirectory single;
    private StudyDirectory multi;
    private StudySpec multiSpec;
    private final AtomicReference<Path> opened = new AtomicReference<>();

    @Start
    void start(Stage stage) throws Exception {
        StudyStore store = new StudyStore(workspace);
        // the two-objective study is older, so the newest (single) is shown first
        multiSpec = spec(DOUBLE);
        multi = store.create(multiSpec, "local", Instant.parse("2026-01-01T00:00:00Z"));
        multi.write(List.of(
                finished(0, Map.of("lr", 1e-3), List.of(0.80, 2e-4), 2e-4),
                finished(1, Map.of("lr", 2e-3), List.of(0.70, 1e-4), 1e-4),
                finished(2, Map.of("lr", 3e-3), List.of(0.75, 3e-4), 3e-4),
                finished(3, Map.of("lr", 4e-3), List.of(0.90, 6e-4), 6e-4)));
        single = store.create(spec(SINGLE), "local", Instant.parse("2026-01-02T00:00:00Z"));
        single.write(singleTrials());

        // the app's theme, whose -color-* the charts and the state styles look up
        javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        executors = new AppExecutors();
        model = new StudiesViewModel(workspace, executors.io(), javafx.application.Platform::runLater,
                executors.timer());
        model.setOnOpenRun(opened::set);
        view = new StudiesView(model, model::close);
        stage.setScene(new Scene((javafx.scene.Parent) view.node(), 1400, 700));
        stage.show();
        model.open();
    }

    @AfterEach
    void stop() {
        new FxRobot().interact(model::close);
        executors.close();
    }

    @Test
    void theTableShowsEveryTrialWithItsStateAndTheStatusLineCountsThem(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        assertThat(model.selectedStudyProperty().get().id()).isEqualTo(single.id());
        assertThat(view.table().getItems()).extracting(TrialRow::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(view.table().getItems()).extracting(TrialRow::state).containsExactly(TrialState.FINISHED,
                TrialState.PRUNED, TrialState.FINISHED, TrialState.FAILED, TrialState.FINISHED, TrialState.FINISHED,
                TrialState.RUNNING, TrialState.QUEUED);
        TrialRow first = view.table().getItems().get(0);
        assertThat(first.params()).isEqualTo("lr=0.001, width=64, batch=64");
        assertThat(first.runId()).isEqualTo(RUN0);
        assertThat(view.table().getColumns()).extracting(c -> c.getText())
                .containsExactly("#", "State", "Params", "val/best_accuracy", "kWh", "Run");
        WaitForAsyncUtils.waitForFxEvents();
        for (TrialState s : TrialState.values()) {
            assertThat(robot.from(view.table()).lookup("." + TrialRow.styleOf(s)).queryAll())
                    .as("cells styled %s", s).isNotEmpty();
        }
        assertThat(robot.lookup("#studies-status").queryAs(Label.class).getText()).isEqualTo(
                "8 of 20 trials: 4 finished, 1 pruned, 1 failed, 1 running, 1 queued"
                        + " — best trial 4 val/best_accuracy 0.85");
        assertThat(model.bestTrialProperty().get()).isEqualTo("best trial 4 val/best_accuracy 0.85");
        assertThat(robot.lookup("#studies-empty").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void theHistoryHoldsTheFinishedTrialsAndABestSoFarThatNeverGetsWorse() throws Exception {
        waitFor(() -> model.trials().size() == 8);
        assertThat(pts(model.charts().historyValues))
                .containsExactly(p(0, 0.80), p(2, 0.70), p(4, 0.85), p(5, 0.75));
        List<List<Double>> best = pts(model.charts().historyBest);
        assertThat(best).containsExactly(p(0, 0.80), p(2, 0.80), p(4, 0.85), p(5, 0.85));
        for (int i = 1; i < best.size(); i++) {
            assertThat(best.get(i).get(1)).isGreaterThanOrEqualTo(best.get(i - 1).get(1));
        }
        assertThat(view.charts().history().getRenderers()).hasSize(2);
    }

    @Test
    void oneObjectiveIsScatteredAgainstEnergyWithTheFrontOfMaxAccuracyMinKwh() throws Exception {
        waitFor(() -> model.trials().size() == 8);
        assertThat(pts(model.charts().scatterTrials))
                .containsExactlyInAnyOrder(p(2e-4, 0.80), p(1e-4, 0.70), p(5e-4, 0.85), p(3e-4, 0.75));
        // trial 5 (0.75 at 3e-4 kWh) is dominated by trial 0 (0.80 at 2e-4): the rest is the front, by kWh
        assertThat(pts(model.charts().scatterFront))
                .containsExactly(p(1e-4, 0.70), p(2e-4, 0.80), p(5e-4, 0.85));
        assertThat(view.charts().scatter().getTitle()).isEqualTo("best_accuracy vs kWh (front: max, min)");
        assertThat(model.scatterProperty().get().description()).isEqualTo(
                "val/best_accuracy vs each trial's energy with the Pareto front of max val/best_accuracy, min kWh");
    }

    @Test
    void twoObjectivesAreScatteredWithTheFrontParetoFinds(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        ComboBox<?> chooser = robot.lookup("#studies-chooser").queryComboBox();
        robot.interact(() -> chooser.getSelectionModel().select(0));
        waitFor(() -> model.selectedStudyProperty().get() != null
                && model.selectedStudyProperty().get().id().equals(multi.id()) && model.trials().size() == 4);
        List<Trial> front = Pareto.front(multi.trials(), multiSpec.objectives());
        assertThat(front).extracting(Trial::number).containsExactly(0, 1, 3);
        List<List<Double>> expected = front.stream().map(t -> p(t.values().get(1), t.values().get(0)))
                .sorted(Comparator.comparingDouble(a -> a.get(0))).toList();
        assertThat(pts(model.charts().scatterFront)).isEqualTo(expected);
        assertThat(view.charts().scatter().getTitle()).isEqualTo("best_accuracy vs kwh (front: max, min)");
        assertThat(model.scatterProperty().get().xLabel()).isEqualTo("energy/kwh");
        assertThat(model.bestTrialProperty().get()).isEqualTo("Pareto front: trials 0, 1, 3");
        assertThat(view.table().getColumns()).extracting(c -> c.getText())
                .containsExactly("#", "State", "Params", "val/best_accuracy", "energy/kwh", "kWh", "Run");
    }

    @Test
    void parallelCoordinatesDrawOneScaledLinePerFinishedTrial() throws Exception {
        waitFor(() -> model.trials().size() == 8 && view.charts().parallelAttached().size() == 4);
        assertThat(model.parallelAxesProperty().get()).containsExactly("lr", "width", "batch", "val/best_accuracy");
        assertThat(view.charts().parallelDescription()).contains("across lr, width, batch, val/best_accuracy");
        assertThat(view.charts().parallel().getTitle()).isEqualTo("Parallel coordinates");
        DataSet trial0 = view.charts().parallelAttached().get(0);
        assertThat(trial0.getName()).isEqualTo("trial 0");
        double[][] line = StudyChartData.points(trial0);
        // lr 1e-3 on the log range [1e-4, 1e-1]: 1/3; width 64 of [16, 256]: 0.2; batch 64: choice 1 of 0..3;
        // accuracy 0.80 of the finished trials' [0.70, 0.85]: 2/3
        assertThat(line).hasDimensions(4, 2);
        double[] expected = {1.0 / 3, 0.2, 1.0 / 3, 2.0 / 3};
        for (int i = 0; i < 4; i++) {
            assertThat(line[i][0]).isEqualTo(i);
            assertThat(line[i][1]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aTrialAppendedToTrialsJsonAppearsLiveAndARunningOneFinishes(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        robot.interact(() -> view.table().getSelectionModel().select(4));
        List<Trial> more = new ArrayList<>(singleTrials());
        more.set(6, more.get(6).ended(TrialState.FINISHED, List.of(0.95), null, 10.0, 4e-4));
        more.add(Trial.queued(8, Map.of("lr", 0.05, "width", 256, "batch", 256)));
        single.write(more);
        waitFor(() -> model.trials().size() == 9);
        assertThat(view.table().getSelectionModel().getSelectedItem().number()).as("the selection survives a live update (rows are by number, trials only appended)").isEqualTo(4);
        assertThat(model.trials().get(8).state()).isEqualTo(TrialState.QUEUED);
        assertThat(model.trials().get(6).state()).isEqualTo(TrialState.FINISHED);
        assertThat(model.bestTrialProperty().get()).isEqualTo("best trial 6 val/best_accuracy 0.95");
        single.write(single.record().with(StudyRecord.FINISHED, "trials budget reached", "2026-01-02T01:00:00Z", 60));
        waitFor(() -> model.statusProperty().get().endsWith("(study finished: trials budget reached)"));
        assertThat(model.studies().get(1).status()).isEqualTo(StudyRecord.FINISHED);
        waitFor(() -> view.charts().parallelAttached().size() == 5);
        assertThat(pts(model.charts().historyBest)).contains(p(6, 0.95));
    }

    @Test
    void aNewStudyIsFollowedUntilTheUserChoosesOne(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        StudyDirectory newer = new StudyStore(workspace).create(multiSpec, "local", Instant.parse("2026-01-03T00:00:00Z"));
        waitFor(() -> model.selectedStudyProperty().get() != null
                && model.selectedStudyProperty().get().id().equals(newer.id()));
        assertThat(model.trials()).isEmpty();
        assertThat(robot.lookup("#studies-chooser").queryComboBox().getValue()).isEqualTo(model.studies().get(2));

        ComboBox<?> chooser = robot.lookup("#studies-chooser").queryComboBox();
        robot.interact(() -> chooser.getSelectionModel().select(1)); // the user picks the single-objective one
        waitFor(() -> model.selectedStudyProperty().get().id().equals(single.id()) && model.trials().size() == 8);
        new StudyStore(workspace).create(multiSpec, "local", Instant.parse("2026-01-04T00:00:00Z"));
        waitFor(() -> model.studies().size() == 4);
        Thread.sleep(2 * StudiesViewModel.POLL_MS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selectedStudyProperty().get().id()).isEqualTo(single.id());
    }

    @Test
    void aHalfWrittenTrialsJsonKeepsTheLastGoodReadUntilItIsWhole() throws Exception {
        waitFor(() -> model.trials().size() == 8);
        String before = model.statusProperty().get();
        long updates = model.updatesProperty().get();
        Files.writeString(single.path().resolve(StudyDirectory.TRIALS_JSON), "[{\"number\": 0, \"par");
        Thread.sleep(3 * StudiesViewModel.POLL_MS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.updatesProperty().get()).isEqualTo(updates);
        assertThat(model.trials()).hasSize(8);
        assertThat(model.statusProperty().get()).isEqualTo(before);
        List<Trial> more = new ArrayList<>(singleTrials());
        more.add(Trial.queued(8, Map.of("lr", 0.05, "width", 256, "batch", 256)));
        single.write(more);
        waitFor(() -> model.trials().size() == 9);
    }

    @Test
    void aDeletedStudyLeavesTheListAndTheViewShowsTheOtherThenTheEmptyState(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        deleteTree(single.path());
        waitFor(() -> model.studies().size() == 1 && model.selectedStudyProperty().get() != null
                && model.selectedStudyProperty().get().id().equals(multi.id()));
        assertThat(model.trials()).hasSize(4);
        deleteTree(multi.path());
        waitFor(() -> model.noStudiesProperty().get() && model.trials().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Label empty = robot.lookup("#studies-empty").queryAs(Label.class);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).isEqualTo("No studies yet: joulebench study run samples/studies/mlp-tpe.json");
        assertThat(pts(model.charts().historyValues)).isEmpty();
    }

    @Test
    void aWorkspaceWithoutStudiesShowsHowToStartOne(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        robot.interact(() -> model.setWorkspace(emptyWorkspace));
        waitFor(() -> model.noStudiesProperty().get() && model.trials().isEmpty() && model.studies().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#studies-empty").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void openRunShowsTheSelectedTrialsRunAndIsOffForATrialWithoutOne(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        javafx.scene.control.Button open = robot.lookup("#studies-open-run").queryButton();
        robot.interact(() -> view.table().getSelectionModel().select(7)); // queued: no run yet
        assertThat(open.isDisabled()).isTrue();
        robot.interact(() -> view.table().getSelectionModel().select(0));
        assertThat(open.isDisabled()).isFalse();
        robot.clickOn(open);
        assertThat(opened.get()).isEqualTo(new RunStore(workspace).runsDir().resolve(RUN0));
    }

    @Test
    void closingTheViewStopsPolling(FxRobot robot) throws Exception {
        waitFor(() -> model.trials().size() == 8);
        robot.clickOn("#studies-close");
        assertThat(model.isOpen()).isFalse();
        List<Trial> more = new ArrayList<>(singleTrials());
        more.add(Trial.queued(8, Map.of("lr", 0.05, "width", 256, "batch", 256)));
        single.write(more);
        Thread.sleep(3 * StudiesViewModel.POLL_MS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.trials()).hasSize(8);
    }

    @Test
    void viewStudiesIsInTheViewMenuOnCtrlShiftS() {
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        Runnable none = () -> { };
        var menu = AppMenu.create(new AppMenu.Actions(none, none, none, none, none, none, none, none, none, none,
                () -> ran.set(true), none, none, new SimpleBooleanProperty(true), new SimpleBooleanProperty(false)));
        MenuItem item = menu.getMenus().stream().filter(m -> m.getText().equals("View"))
                .flatMap(m -> m.getItems().stream()).filter(i -> "Studies".equals(i.getText())).findFirst().orElseThrow();
        assertThat(item.getAccelerator()).isEqualTo(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        item.fire();
        assertThat(ran.get()).isTrue();
        long sameKey = menu.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> item.getAccelerator().equals(i.getAccelerator())).count();
        assertThat(sameKey).isEqualTo(1);
    }

    private static List<Trial> singleTrials() {
        return List.of(
                new Trial(0, params(1e-3, 64, 64), TrialState.FINISHED, RUN0, List.of(0.80), null, null, 10.0, 2e-4,
                        null),
                new Trial(1, params(1e-2, 32, 32), TrialState.PRUNED, "r1", List.of(), null, null, 3.0,
                        1e-4, null),
                finished(2, params(1e-4, 16, 32), List.of(0.70), 1e-4),
                new Trial(3, params(1e-1, 256, 256), TrialState.FAILED, "r3", List.of(), null, "diverged", 1.0,
                        null, null),
                finished(4, params(5e-3, 128, 128), List.of(0.85), 5e-4),
                finished(5, params(2e-3, 96, 64), List.of(0.75), 3e-4),
                Trial.queued(6, params(3e-3, 48, 32)).running("r6"),
                Trial.queued(7, params(4e-3, 160, 128)));
    }

    private static Trial finished(int n, Map<String, Object> params, List<Double> values, double kwh) {
        return Trial.queued(n, params).running("r" + n).ended(TrialState.FINISHED, values, null, 10.0, kwh);
    }

    private static Map<String, Object> params(double lr, int width, int batch) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("lr", lr);
        m.put("width", width);
        m.put("batch", batch);
        return m;
    }

    private static StudySpec spec(String json) throws IOException {
        return Json.mapper().readValue(json, StudySpec.class);
    }

    private static List<Double> p(double x, double y) {
        return List.of(x, y);
    }

    /** A data set's points as (x, y) lists, read under its lock as the chart would. */
    private static List<List<Double>> pts(DataSet ds) {
        return Stream.of(StudyChartData.points(ds)).map(a -> List.of(a[0], a[1])).toList();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
