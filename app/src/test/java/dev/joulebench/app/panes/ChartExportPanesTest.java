package dev.joulebench.app.panes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import dev.joulebench.app.panes.export.ChartSvg;
import dev.joulebench.app.panes.export.SvgDocument;
import dev.joulebench.app.panes.model.RunFiles;
import dev.joulebench.app.support.TestPanes;
import dev.joulebench.core.Json;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Export as PNG / SVG and Copy as image from the chart panes' menus, headless. */
@ExtendWith(ApplicationExtension.class)
class ChartExportPanesTest {
    private static final String RUN = "20260101-000000-train-bp-7777";
    @RegisterExtension
    final TestPanes shown = new TestPanes();
    private RunPanes panes;
    private final List<Path> chooserFolders = new ArrayList<>();
    private final List<String> suggested = new ArrayList<>();
    private volatile Path answer;

    @TempDir
    Path workspace;
    @TempDir
    Path out;

    @Start
    void start(Stage stage) {
        panes = shown.show(stage, 1200, 760);
        panes.exports().setChooser((Window owner, ChartExport.Format format, Path folder, String name) -> {
            chooserFolders.add(folder);
            suggested.add(name);
            return answer;
        });
    }

    private void showRecordedRun(FxRobot robot) throws Exception {
        Path run = workspace.resolve("run");
        RunFiles.write(run, RUN, 3, 3.0, 10.0, "measured");
        robot.interact(() -> panes.show(run));
        waitFor(() -> panes.pointCount("train/loss") == 3 && panes.pointCount("power/cpu") == 31
                && panes.pointCount("power/gpu0") == 31);
        waitFor(() -> fx(() -> panes.timeChart("loss").attached().size()) == 1
                && fx(() -> panes.timeChart("power").attached().size()) == 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aChartsMenuExportsItsPixelsAsAPngOfThePanesSize(FxRobot robot) throws Exception {
        showRecordedRun(robot);
        Node chart = panes.chartNode("power");
        answer = out.resolve("power.png");
        ContextMenu menu = openContextMenu(robot, chart);
        assertThat(menu.getItems()).extracting(MenuItem::getText).contains("Show all", ChartExportMenu.PNG,
                ChartExportMenu.SVG, ChartExportMenu.COPY);
        robot.clickOn(ChartExportMenu.PNG);
        waitFor(() -> Files.isRegularFile(answer) && fx(() -> status().getText()).startsWith("Saved"));

        BufferedImage png = ImageIO.read(answer.toFile());
        assertThat(png).as("a PNG ImageIO reads").isNotNull();
        assertThat(png.getWidth()).isEqualTo((int) Math.round(fx(() -> chart.getLayoutBounds().getWidth())));
        assertThat(png.getHeight()).isEqualTo((int) Math.round(fx(() -> chart.getLayoutBounds().getHeight())));
        assertThat(suggested).containsExactly(RUN + "-power.png");
        // the chooser opens where the last chart went, in this session (and, through the settings, the next)
        assertThat(fx(() -> panes.exports().folderProperty().get())).isEqualTo(out);
        answer = out.resolve("again.png");
        robot.interact(() -> panes.exports().export(new ChartExport.Target("energy", panes.chartNode("energy"),
                () -> null), ChartExport.Format.PNG));
        waitFor(() -> Files.isRegularFile(answer));
        assertThat(chooserFolders).containsExactly(null, out);
        assertThat(out.resolve("power.png.tmp")).doesNotExist();
    }

    @Test
    void anSvgOfATimeChartHoldsItsSeriesAsPathsWithTheirPointsAndItsAxesWithUnits(FxRobot robot) throws Exception {
        showRecordedRun(robot);
        answer = out.resolve("power.svg");
        openContextMenu(robot, panes.chartNode("power"));
        robot.clickOn(ChartExportMenu.SVG);
        waitFor(() -> Files.isRegularFile(answer));

        SvgDocument svg = SvgDocument.parse(Files.readString(answer));
        assertThat(svg.texts()).contains("Power", "power (W)", "time (s)", "cpu (measured)", "gpu0 (measured)");
        assertThat(svg.pathPoints(ChartSvg.seriesId(0))).containsExactly(31);
        assertThat(svg.pathPoints(ChartSvg.seriesId(1))).containsExactly(31);
        assertThat(svg.elements("image")).isEmpty();

        answer = out.resolve("loss.svg");
        openContextMenu(robot, panes.chartNode("loss"));
        robot.clickOn(ChartExportMenu.SVG);
        waitFor(() -> Files.isRegularFile(answer));
        SvgDocument loss = SvgDocument.parse(Files.readString(answer));
        assertThat(loss.texts()).contains("Loss", "train/loss", "loss");
        assertThat(loss.pathPoints(ChartSvg.seriesId(0))).containsExactly(3);
    }

    @Test
    void copyAsImagePutsTheChartsPixelsOnTheClipboard(FxRobot robot) throws Exception {
        showRecordedRun(robot);
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        openContextMenu(robot, panes.chartNode("accuracy"));
        robot.clickOn(ChartExportMenu.COPY);
        WaitForAsyncUtils.waitForFxEvents();
        Image copied = fx(() -> Clipboard.getSystemClipboard().getImage());
        assertThat(copied).isNotNull();
        assertThat(copied.getWidth()).isEqualTo(fx(() -> panes.chartNode("accuracy").getLayoutBounds().getWidth()));
        assertThat(fx(() -> status().getText())).startsWith("Copied the accuracy chart");
    }

    @Test
    void aFolderThatCannotBeWrittenGivesAClearMessageAndLeavesNoFile(FxRobot robot) throws Exception {
        showRecordedRun(robot);
        Path missing = out.resolve("gone");
        answer = missing.resolve("loss.png");
        openContextMenu(robot, panes.chartNode("loss"));
        robot.clickOn(ChartExportMenu.PNG);
        waitFor(() -> fx(() -> status().getText()).startsWith("Not saved"));
        assertThat(fx(() -> status().getText())).isEqualTo("Not saved: cannot write " + answer
                + ": no such file or directory (the folder " + missing + " does not exist)");
        assertThat(fx(() -> status().getPseudoClassStates()).toString()).contains("failed");
        assertThat(missing).doesNotExist();
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
        assertThat(fx(() -> panes.exports().folderProperty().get())).isNull();
    }

    @Test
    void theSpectrumPanesMenuButtonExportsTheHistogramTheMpCurveAndLambdaPlus(FxRobot robot) throws Exception {
        showRecordedRun(robot);
        waitFor(() -> panes.spectraPane().histogramBins() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        MenuButton button = robot.lookup("#export-spectrum").queryAs(MenuButton.class);
        answer = out.resolve("spectrum.svg");
        robot.clickOn(button);
        robot.clickOn(ChartExportMenu.SVG);
        waitFor(() -> Files.isRegularFile(answer));
        SvgDocument svg = SvgDocument.parse(Files.readString(answer));
        assertThat(svg.texts()).contains("Spectrum", "eigenvalue density", "Marchenko–Pastur fit", "λ+",
                "eigenvalue λ");
        assertThat(suggested).containsExactly(RUN + "-spectrum.svg");
    }

    @Test
    void theSensitivityHeatMapExportsItsCellsAsVectors(FxRobot robot) throws Exception {
        Path run = workspace.resolve("sensitivity");
        writeSensitivityRun(run);
        robot.interact(() -> panes.show(run));
        waitFor(() -> fx(() -> panes.compression().cells().size()) == 6);
        WaitForAsyncUtils.waitForFxEvents();
        answer = out.resolve("heat.svg");
        robot.clickOn(robot.lookup("#export-sensitivity").queryAs(MenuButton.class));
        robot.clickOn(ChartExportMenu.SVG);
        waitFor(() -> Files.isRegularFile(answer));
        SvgDocument svg = SvgDocument.parse(Files.readString(answer));
        assertThat(svg.texts()).contains("Layer sensitivity", "fc1", "fc2 (dense)", "χ=2", "χ=4", "χ=8", "40.0", "60.0",
                "78.0", "20.0", "70.0", "80.0", "20.00 %", "80.00 %");
        assertThat(svg.elements("image")).isEmpty();
        // the heat-map's PNG is the grid as drawn
        answer = out.resolve("heat.png");
        openContextMenu(robot, robot.lookup("#sensitivity-heatmap").queryAs(Node.class));
        robot.clickOn(ChartExportMenu.PNG);
        waitFor(() -> Files.isRegularFile(answer));
        assertThat(ImageIO.read(answer.toFile()).getWidth()).isEqualTo((int) Math.round(fx(() -> robot
                .lookup("#sensitivity-heatmap").queryAs(Node.class).getLayoutBounds().getWidth())));
    }

    private static void writeSensitivityRun(Path run) throws Exception {
        Files.createDirectories(run.resolve("compress"));
        Files.writeString(run.resolve("run.json"), Json.write(Map.of("id", "s1", "kind", "compress", "status",
                "finished", "spec", Map.of("kind", "compress", "method", "mpo", "model", "train-run", "dataset",
                        "samples", "mode", "sensitivity"))));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", "mlp:784-32-10");
        doc.put("baselineAccuracy", 0.8);
        doc.put("layers", List.of("fc1", "fc2"));
        doc.put("chis", List.of(2, 4, 8));
        doc.put("accuracy", List.of(List.of(0.4, 0.6, 0.78), List.of(0.2, 0.7, 0.8)));
        doc.put("policy", Map.of("chi", Map.of("fc1", 4)));
        Files.writeString(run.resolve("compress/sensitivity.json"), Json.write(doc));
    }

    /**
     * What a right-click (or the menu key) makes: a context-menu request on the node. Monocle's headless glass
     * sends none for a right button, so the test sends it; the desktop path was checked under Xvfb.
     */
    private ContextMenu openContextMenu(FxRobot robot, Node node) throws Exception {
        robot.moveTo(node);
        robot.interact(() -> {
            javafx.geometry.Bounds b = node.localToScreen(node.getLayoutBounds());
            javafx.geometry.Point2D local = new javafx.geometry.Point2D(b.getWidth() / 2, b.getHeight() / 2);
            javafx.event.Event.fireEvent(node, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, local.getX(), local.getY(),
                    b.getMinX() + local.getX(), b.getMinY() + local.getY(), false, null));
        });
        return shownContextMenu();
    }

    private ContextMenu shownContextMenu() throws Exception {
        waitFor(() -> fx(() -> Window.getWindows().stream().anyMatch(w -> w instanceof ContextMenu && w.isShowing())));
        return fx(() -> (ContextMenu) Window.getWindows().stream()
                .filter(w -> w instanceof ContextMenu && w.isShowing()).findFirst().orElseThrow());
    }

    private Label status() {
        return (Label) panes.node().lookup("#chart-export-status");
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
