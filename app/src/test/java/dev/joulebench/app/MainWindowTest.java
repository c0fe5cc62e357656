package dev.joulebench.app;

import static dev.joulebench.app.support.TestWindow.fill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.jobs.JobState;
import dev.joulebench.app.support.TestRuns;
import dev.joulebench.app.support.TestWindow;
import dev.joulebench.app.workspace.RunRow;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window, headless (Monocle): real training runs on the shipped samples through the same
 * job code as the CLI, in a temp workspace and a temp config directory.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final long RUN_TIMEOUT_S = 120;

    @TempDir
    static Path workspace;
    @TempDir
    static Path config;
    private static RunRecord cliBp;
    private static RunRecord cliBpSmall;

    @RegisterExtension
    final TestWindow shown = new TestWindow();
    private MainWindow window;

    /** Two runs recorded the way `joulebench train` records them: JobRunner + the installed train job. */
    @BeforeAll
    static void recordCliRuns() throws Exception {
        cliBp = TestRuns.recorded(workspace, TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-32-10").epochs(1).batchSize(64).limitTrain(2000).seed(1L).device("cpu").spectraEvery(0).build());
        cliBpSmall = TestRuns.recorded(workspace, TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10").epochs(1).batchSize(64).limitTrain(1000).seed(2L).device("cpu").spectraEvery(0).build());
    }

    @Start
    void start(Stage stage) {
        window = shown.show(stage, workspace, config);
    }

    @Test
    void aRunStartedFromTheFormPutsPointsInTheAccuracyAndPowerPanes(FxRobot robot) throws Exception {
        fill(robot, "#train-model", "mlp:784-64-10");
        fill(robot, "#train-epochs", "1");
        fill(robot, "#train-batch", "32");
        Button start = robot.lookup("#launcher-start").queryButton();
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();
        robot.clickOn(start);

        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS,
                () -> window.panes().pointCount("val/accuracy") > 0 && window.panes().pointCount("power/cpu") > 0);
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS, () -> window.jobs().lastEndedProperty().get() != null);
        RunRecord ended = window.jobs().lastEndedProperty().get();
        assertThat(ended.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(ended.summary()).containsKey("test/accuracy").containsKey("energy/kwh");
        assertThat(window.panes().pointCount("train/loss")).isPositive();
        // the workspace lists the new run once it has ended
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.workspace().rows().stream()
                .anyMatch(r -> r.id().equals(ended.id()) && r.status().equals("finished")));
    }

    @Test
    void invalidInputDisablesStartWithAMessageNamingTheProblem(FxRobot robot) {
        Button start = robot.lookup("#launcher-start").queryButton();
        Label problems = robot.lookup("#launcher-problems").queryAs(Label.class);
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();

        fill(robot, "#train-epochs", "0");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).contains("epochs: must be >= 1 (got 0)");
        assertThat(problems.isVisible()).isTrue();

        fill(robot, "#train-epochs", "1");
        fill(robot, "#train-model", "mlp:abc");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).startsWith("model: ").contains("mlp:abc");

        fill(robot, "#train-model", "mlp:784-64-10");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();
        assertThat(problems.isVisible()).isFalse();
    }

    @Test
    void cancelMarksTheRunCancelled(FxRobot robot) throws Exception {
        fill(robot, "#train-model", "mlp:784-64-10");
        fill(robot, "#train-epochs", "500");
        fill(robot, "#train-batch", "16");
        robot.clickOn("#launcher-start");
        // cancel once the run is really training (some progress seen, some loss recorded)
        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS,
                () -> window.jobs().stateProperty().get() == JobState.RUNNING
                        && window.panes().pointCount("train/loss") > 0);
        Path runDir = window.jobs().runDirProperty().get();
        robot.clickOn("#launcher-cancel");

        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS, () -> window.jobs().lastEndedProperty().get() != null);
        assertThat(window.jobs().lastEndedProperty().get().status()).isEqualTo(RunStatus.CANCELLED);
        RunRecord onDisk = new RunStore(workspace).load(runDir.getFileName().toString());
        assertThat(onDisk.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(window.jobs().stateProperty().get()).isEqualTo(JobState.IDLE);
        TestWindow.settle(robot);
        assertThat(robot.lookup("#launcher-start").queryButton().isDisabled()).isFalse();
    }

    @Test
    void theWorkspaceListsCliRunsFiltersThemAndOpensOneInThePanes(FxRobot robot) throws Exception {
        TableView<RunRow> table = robot.lookup("#workspace-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.id().equals(cliBp.id())));
        RunRow row = table.getItems().stream().filter(r -> r.id().equals(cliBp.id())).findFirst().orElseThrow();
        assertThat(row.status()).isEqualTo("finished");
        assertThat(row.method()).isEqualTo("bp");
        assertThat(row.dataset()).isEqualTo("samples");
        assertThat(row.testAccuracy()).isEqualTo(cliBp.summary().get("test/accuracy"));

        fill(robot, "#workspace-filter", "no-such-run");
        assertThat(table.getItems()).isEmpty();
        fill(robot, "#workspace-filter", cliBp.id().substring(cliBp.id().length() - 4));
        assertThat(table.getItems()).extracting(RunRow::id).containsExactly(cliBp.id());

        assertThat(window.panes().pointCount("val/accuracy")).isZero();
        javafx.scene.Node firstRow = robot.from(table).lookup(".table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getIndex() == 0 && r.getItem() != null).query();
        robot.clickOn(firstRow);
        assertThat(window.workspace().selection()).extracting(RunRow::id).containsExactly(cliBp.id());
        robot.clickOn("#workspace-open");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.panes().pointCount("val/accuracy") > 0);
    }

    @Test
    void comparingTwoRunsTabulatesThem(FxRobot robot) throws Exception {
        TableView<RunRow> table = robot.lookup("#workspace-table").queryTableView();
        fill(robot, "#workspace-filter", "samples");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream()
                .filter(r -> r.id().equals(cliBp.id()) || r.id().equals(cliBpSmall.id())).count() == 2);
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                String id = table.getItems().get(i).id();
                if (id.equals(cliBp.id()) || id.equals(cliBpSmall.id())) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        robot.clickOn("#workspace-compare");

        TableView<?> compare = robot.lookup("#compare-table").queryTableView();
        assertThat(compare.getItems()).hasSize(2);
        List<String> csv = window.compareTable().toCsv().lines().toList();
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).isEqualTo("run,method,dataset,test_accuracy,time_s,energy_kwh,co2e_kg,water_l,params");
        assertThat(csv).anyMatch(l -> l.startsWith(cliBp.id() + ",bp,samples,"
                + cliBp.summary().get("test/accuracy") + ","));
        assertThat(csv).anyMatch(l -> l.startsWith(cliBpSmall.id() + ",bp,samples,") && l.endsWith(",12730"));
    }
}
