package dev.joulebench.app;

import static dev.joulebench.app.support.TestWindow.fill;
import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.panes.CompressionViewModel;
import dev.joulebench.app.panes.model.CompressionReport;
import dev.joulebench.app.support.TestRuns;
import dev.joulebench.app.support.TestWindow;
import dev.joulebench.app.workspace.RunRow;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
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
 * Compression in the whole window, headless: a tiny bp model trained through the JobRunner, compressed
 * from the Compress tab, and a sensitivity profile and a healed compression recorded the way
 * `joulebench compress` records them, opened in the panes.
 */
@ExtendWith(ApplicationExtension.class)
class CompressWindowTest {
    private static final long RUN_TIMEOUT_S = 180;

    @TempDir
    static Path workspace;
    @TempDir
    static Path config;
    private static RunRecord trained;
    private static RunRecord sensitivity;
    private static RunRecord healed;

    @RegisterExtension
    final TestWindow shown = new TestWindow();
    private MainWindow window;

    @BeforeAll
    static void recordRuns() throws Exception {
        trained = TestRuns.recorded(workspace, TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-32-10").epochs(1).batchSize(64).limitTrain(2000).seed(1L).device("cpu").spectraEvery(0).build());
        assertThat(trained.status()).isEqualTo(RunStatus.FINISHED);
        // both dense layers (fc2 is the output layer, named to profile it too), three χ each
        sensitivity = TestRuns.recorded(workspace, CompressSpec.builder().method("mpo").model(trained.id()).dataset("samples").targetParams(0.5).layers(List.of("fc1", "fc2")).healEpochs(0).batchSize(256).seed(1L).device("cpu").threads(0).mode("sensitivity").chis(List.of(2, 4, 8)).build());
        assertThat(sensitivity.status()).as("sensitivity run: %s", sensitivity.error()).isEqualTo(RunStatus.FINISHED);
        healed = TestRuns.recorded(workspace, CompressSpec.builder().method("mpo").model(trained.id()).dataset("samples").chi(4).layers(List.of()).healEpochs(1).batchSize(64).seed(1L).device("cpu").threads(0).build());
        assertThat(healed.status()).as("healed run: %s", healed.error()).isEqualTo(RunStatus.FINISHED);
    }

    @Start
    void start(Stage stage) {
        window = shown.show(stage, workspace, config);
    }

    @Test
    void aCompressionStartedFromTheFormFillsTheSummaryPane(FxRobot robot) throws Exception {
        robot.clickOn("Compress");
        // the combo offers the finished bp training run, and takes it while the field is empty
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.compressForm().modelChoices().contains(trained.id()));
        @SuppressWarnings("unchecked") ComboBox<String> models = robot.lookup("#compress-model").queryAs(ComboBox.class);
        assertThat(models.getItems()).contains(trained.id());
        assertThat(window.compressForm().modelProperty().get()).isEqualTo(trained.id());
        robot.interact(() -> {
            window.compressForm().methodProperty().set("mpo");
            window.compressForm().sizeByProperty().set("χ");
        });
        fill(robot, "#compress-size", "4");
        fill(robot, "#compress-heal", "0");
        Button start = robot.lookup("#launcher-start").queryButton();
        assertThat(window.launcher().problems()).isEmpty();
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();
        robot.clickOn(start);

        WaitForAsyncUtils.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS, () -> window.jobs().lastEndedProperty().get() != null);
        RunRecord ended = window.jobs().lastEndedProperty().get();
        assertThat(ended.status()).as("run error: %s", ended.error()).isEqualTo(RunStatus.FINISHED);
        assertThat(ended.kind()).isEqualTo("compress");
        CompressionViewModel shown = window.panes().compression();
        // the live run's files are read once it ends: the table then has energy per 1,000 inferences too
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown.reportProperty().get() != null
                && ended.id().equals(shown.reportProperty().get().id())
                && !shown.summaryRows().isEmpty() && !shown.summaryRows().get(5).after().isEmpty());
        TableView<?> summary = robot.lookup("#compress-summary-table").queryTableView();
        assertThat(summary.isVisible()).isTrue();
        assertThat(shown.summaryRows()).extracting(CompressionReport.Row::metric).containsExactly("Parameters",
                "Size", "MACs / sample", "Test accuracy", "Latency p50 / batch", "Energy / 1,000 inferences");
        CompressionReport.Row params = shown.summaryRows().get(0);
        assertThat(params.before()).isEqualTo(String.format(java.util.Locale.ROOT, "%,d",
                Math.round(ended.summary().get("before/params"))));
        assertThat(ended.summary().get("after/params")).isLessThan(ended.summary().get("before/params"));
        assertThat(params.change()).startsWith("×0.");
        assertThat(shown.summaryRows().get(3).after()).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f %%",
                ended.summary().get("after/test_accuracy") * 100));
        TableView<?> layers = robot.lookup("#compress-layer-table").queryTableView();
        assertThat(layers.getItems()).hasSize(1);
        assertThat(shown.layerRows().get(0).layer()).isEqualTo("fc1");
        assertThat(shown.layerRows().get(0).setting()).isEqualTo("χ=4");
        assertThat(shown.layerRows().get(0).paramsAfter()).isLessThan(784L * 32);
        // the workspace lists it as a compress run with its method and the accuracy after compression
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.workspace().allRows().stream()
                .anyMatch(r -> r.id().equals(ended.id()) && r.status().equals("finished")));
        RunRow row = window.workspace().allRows().stream().filter(r -> r.id().equals(ended.id())).findFirst()
                .orElseThrow();
        assertThat(row.kind()).isEqualTo("compress");
        assertThat(row.method()).isEqualTo("mpo");
        assertThat(row.dataset()).isEqualTo("samples");
        assertThat(row.testAccuracy()).isEqualTo(ended.summary().get("after/test_accuracy"));
    }

    @Test
    void openingARecordedSensitivityRunShowsTheHeatMapAndTheChiCurves(FxRobot robot) throws Exception {
        RunRow row = awaitRow(sensitivity.id());
        assertThat(row.method()).isEqualTo("mpo sensitivity");
        robot.interact(() -> window.workspace().open(row));
        GridPane heat = robot.lookup("#sensitivity-heatmap").queryAs(GridPane.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> cells(heat).size() == 6);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(heat.isVisible()).isTrue();
        assertThat(heat.getScene()).isNotNull();
        List<Node> cells = cells(heat);
        // one row per layer, one column per χ (headers take row 0 and column 0)
        assertThat(cells.stream().map(GridPane::getRowIndex).distinct().sorted().toList()).containsExactly(1, 2);
        assertThat(cells.stream().map(GridPane::getColumnIndex).distinct().sorted().toList()).containsExactly(1, 2, 3);
        Map<?, ?> json = Json.mapper().readValue(Files.readString(workspace.resolve("runs").resolve(sensitivity.id())
                .resolve("compress/sensitivity.json")), Map.class);
        List<?> accuracy = (List<?>) json.get("accuracy");
        Node fc1AtChi2 = cells.stream().filter(c -> GridPane.getRowIndex(c) == 1 && GridPane.getColumnIndex(c) == 1)
                .findFirst().orElseThrow();
        double expected = ((Number) ((List<?>) accuracy.get(0)).get(0)).doubleValue() * 100;
        assertThat(((Label) fc1AtChi2).getText()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", expected));
        // the policy's χ per layer is outlined: as many outlined cells as layers it compressed
        Map<?, ?> chosen = (Map<?, ?>) ((Map<?, ?>) json.get("policy")).get("chi");
        long compressedLayers = chosen.values().stream().filter(v -> v != null).count();
        assertThat(cells.stream().filter(c -> c.getStyleClass().contains("jb-heat-chosen")).count())
                .isEqualTo(compressedLayers);
        // accuracy vs χ: a curve per layer and the baseline
        assertThat(window.panes().chiCurveCount()).isEqualTo(3);
        // the drop view shows the change from the baseline
        robot.clickOn("#sensitivity-show-drop");
        double drop = ((Number) json.get("baselineAccuracy")).doubleValue() * 100 - expected;
        Node fc1AtChi2Drop = cells(heat).stream()
                .filter(c -> GridPane.getRowIndex(c) == 1 && GridPane.getColumnIndex(c) == 1).findFirst().orElseThrow();
        assertThat(((Label) fc1AtChi2Drop).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%+.1f", -drop).replace('-', '−'));
        // the sensitivity points are not drawn against time
        assertThat(window.panes().pointCount("sensitivity/fc1/accuracy")).isZero();
    }

    @Test
    void openingAHealedRunDrawsTheHealingCurvesInTheLossAndAccuracyCharts(FxRobot robot) throws Exception {
        RunRow row = awaitRow(healed.id());
        robot.interact(() -> window.workspace().open(row));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.panes().pointCount("heal/loss") > 0
                && window.panes().pointCount("heal/val_accuracy") > 0);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.panes().compression().reportProperty().get() != null
                && !window.panes().compression().summaryRows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.panes().compression().captionProperty().get()).contains("healed 1 epoch");
        // the compression tab replaced the spectra tab and is the one shown
        TableView<?> summary = robot.lookup("#compress-summary-table").queryTableView();
        assertThat(summary.getScene()).isNotNull();
        assertThat(summary.isVisible()).isTrue();
        assertThat(summary.getItems()).hasSize(6);
        TabPane side = robot.lookup(".tab-pane").match((TabPane t) -> t.getTabs().stream()
                .anyMatch(tab -> tab.getText().equals("Compression"))).query();
        assertThat(side.getTabs()).extracting(javafx.scene.control.Tab::getText).containsExactly("Compression", "Model");
        assertThat(side.getSelectionModel().getSelectedItem().getText()).isEqualTo("Compression");
    }

    @Test
    void invalidCompressInputDisablesStartWithAMessage(FxRobot robot) throws Exception {
        robot.clickOn("Compress");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.compressForm().modelChoices().contains(trained.id()));
        Button start = robot.lookup("#launcher-start").queryButton();
        Label problems = robot.lookup("#launcher-problems").queryAs(Label.class);
        robot.interact(() -> window.compressForm().sizeByProperty().set("χ"));
        fill(robot, "#compress-size", "8");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();

        fill(robot, "#compress-size", "abc");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).contains("size: χ must be a whole number (got 'abc')");
        assertThat(problems.isVisible()).isTrue();

        fill(robot, "#compress-size", "8");
        robot.interact(() -> {
            window.compressForm().methodProperty().set("prune");
            window.compressForm().sizeByProperty().set("χ"); // prune switched it to a target; back to χ 8
            window.compressForm().sizeProperty().set("8");
        });
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).contains("--method prune needs --target-params");

        robot.interact(() -> window.compressForm().methodProperty().set("mpo"));
        fill(robot, "#compress-layers", "fc9");
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).startsWith("layers: ").contains("fc9");

        fill(robot, "#compress-layers", "");
        robot.interact(() -> window.compressForm().modelProperty().set("no-such-run"));
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isTrue();
        assertThat(problems.getText()).startsWith("model: ");

        robot.interact(() -> window.compressForm().modelProperty().set(trained.id()));
        TestWindow.settle(robot);
        assertThat(start.isDisabled()).isFalse();
        assertThat(problems.isVisible()).isFalse();
    }

    private RunRow awaitRow(String id) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.workspace().allRows().stream()
                .anyMatch(r -> r.id().equals(id)));
        return window.workspace().allRows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Node> cells(GridPane heat) {
        return heat.getChildren().stream().filter(n -> n.getStyleClass().contains("jb-heat-cell")).toList();
    }
}
