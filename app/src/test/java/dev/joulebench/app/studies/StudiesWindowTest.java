package dev.joulebench.app.studies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.MainWindow;
import dev.joulebench.app.panes.model.RunFiles;
import dev.joulebench.app.support.TestWindow;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import dev.joulebench.study.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View ▸ Studies in the whole window (headless): it opens under the panes, a trial's run opens in them, Close. */
@ExtendWith(ApplicationExtension.class)
class StudiesWindowTest {
    private static final String RUN = "20260101-000000-train-bp-5a5a";

    @TempDir
    Path workspace;
    @TempDir
    Path config;
    @RegisterExtension
    final TestWindow shown = new TestWindow();
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        RunFiles.write(new RunStore(workspace).runsDir().resolve(RUN), RUN, 5, 1.0, 10.0, "estimated");
        StudySpec spec = Json.mapper().readValue("""
                {"name": "w", "base": {"kind": "train", "method": "bp", "dataset": "samples", "model": "mlp:784-32-10"},
                 "parameters": [{"name": "lr", "type": "float", "low": 1e-4, "high": 1e-1, "log": true,
                   "field": "learningRate"}], "trials": 4}""", StudySpec.class);
        StudyDirectory study = new StudyStore(workspace).create(spec, "local", Instant.parse("2026-01-01T00:00:00Z"));
        study.write(List.of(
                new Trial(0, Map.of("lr", 1e-3), TrialState.FINISHED, RUN, List.of(0.8), null, null, 5.0, 1.2e-5, null),
                Trial.queued(1, Map.of("lr", 1e-2))));
        window = shown.show(stage, workspace, config);
    }

    @Test
    void ctrlShiftSOpensTheStudiesUnderThePanesAndADoubleClickedTrialOpensItsRun(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#studies-table").tryQuery()).isEmpty();
        assertThat(window.studies().isOpen()).isFalse();
        robot.push(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#studies-table").tryQuery().isPresent());
        assertThat(window.studies().isOpen()).isTrue();
        TableView<TrialRow> table = robot.lookup("#studies-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.panes().pointCount("train/loss")).isLessThanOrEqualTo(0);
        Node first = robot.from(table).lookup(".table-row-cell")
                .match((TableRow<?> r) -> r.getIndex() == 0 && r.getItem() != null).query();
        robot.doubleClickOn(first);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.panes().pointCount("train/loss") == 5);

        robot.clickOn("#studies-close");
        assertThat(robot.lookup("#studies-table").tryQuery()).isEmpty();
        assertThat(window.studies().isOpen()).isFalse();
    }
}
