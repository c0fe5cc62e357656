package dev.joulebench.app.panes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.app.panes.export.ChartCapture;
import dev.joulebench.app.panes.export.PlotSnapshot;
import dev.joulebench.app.panes.model.RmtKdRunFiles;
import dev.joulebench.app.support.TestPanes;
import dev.joulebench.compress.rmtkd.RmtKdJob;
import dev.joulebench.core.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The RMT-KD tab and the cut markers, for a recorded run and for one streaming in. */
@ExtendWith(ApplicationExtension.class)
class RmtKdPanesTest {
    @RegisterExtension
    final TestPanes shown = new TestPanes();
    private RunPanes panes;

    @TempDir
    Path workspace;

    @Start
    void start(Stage stage) {
        panes = shown.show(stage, 1366, 768);
    }

    @Test
    void aRecordedRunShowsItsLayersTheSpectrumWithMpCurveLambdaPlusAndOutliersAndItsCuts(FxRobot robot)
            throws Exception {
        Path run = workspace.resolve(RmtKdRunFiles.ID);
        RmtKdRunFiles.writeFinished(run);
        robot.interact(() -> panes.show(run));
        waitFor(() -> fx(() -> panes.rmtkd().rows().size()) == 2);
        WaitForAsyncUtils.waitForFxEvents();

        TabPane side = robot.lookup(".tab-pane").match((TabPane t) -> t.getTabs().stream()
                .anyMatch(tab -> "tab-rmtkd".equals(tab.getId()))).query();
        assertThat(side.getTabs()).extracting(Tab::getText).containsExactly("RMT-KD", "Compression", "Model");
        assertThat(side.getSelectionModel().getSelectedItem().getText()).isEqualTo("RMT-KD");
        TableView<?> table = robot.lookup("#rmtkd-layer-table").queryTableView();
        assertThat(table.getItems()).hasSize(2);
        assertThat(fx(() -> panes.rmtkd().rows())).containsExactly(
                new RmtKdViewModel.Row("fc1", 32, 5, "5", "0.100", "0.196", "82.00 %", "accepted"),
                new RmtKdViewModel.Row("fc2", 16, 16, "–", "0.100", "0.200", "", "no cut"));

        // the newest layer is shown first; choose fc1, whose outliers lie far right of its bulk
        assertThat(fx(() -> panes.rmtkd().chosenProperty().get())).isEqualTo("fc2");
        robot.interact(() -> panes.rmtkd().chosenProperty().set("fc1"));
        waitFor(() -> panes.rmtkdPane().pointCounts()[2] == 5);
        assertThat(panes.rmtkdPane().pointCounts()).containsExactly(2 * RmtKdRunFiles.BINS + 2, 200, 5);
        assertThat(fx(() -> panes.rmtkdPane().lambdaPlusMarker())).isCloseTo(RmtKdRunFiles.FC1_LAMBDA_PLUS,
                within(1e-12));
        assertThat(fx(() -> panes.rmtkdPane().logAxis())).isTrue();

        // each layer's cut on the loss and accuracy charts' time axis, with the distillation curves under them
        waitFor(() -> panes.pointCount("distill/loss") == 4 && panes.pointCount("rmtkd/val_accuracy") == 1);
        waitFor(() -> fx(() -> panes.timeChart("loss").eventValues().size()) == 2);
        for (String chart : List.of("loss", "accuracy")) {
            assertThat(fx(() -> panes.timeChart(chart).eventValues())).as(chart)
                    .containsExactly(RmtKdRunFiles.FC1_CUT_T, RmtKdRunFiles.FC2_CUT_T);
        }
        // an export of the chart keeps the cut lines with their labels, and the spectrum's λ+ and outliers
        assertThat(fx(() -> ChartCapture.of(panes.timeChart("accuracy").node()).markers()))
                .extracting(PlotSnapshot.Marker::x, PlotSnapshot.Marker::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RmtKdRunFiles.FC1_CUT_T, "fc1 cut"),
                        org.assertj.core.groups.Tuple.tuple(RmtKdRunFiles.FC2_CUT_T, "fc2 cut"));
        PlotSnapshot spectrum = fx(() -> ChartCapture.of(panes.rmtkdPane().chart()));
        assertThat(spectrum.x().log()).isTrue();
        assertThat(spectrum.markers()).extracting(PlotSnapshot.Marker::label).containsExactly("λ+");
        assertThat(spectrum.series()).extracting(PlotSnapshot.Series::name, PlotSnapshot.Series::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("activation ESD (density)",
                                2 * RmtKdRunFiles.BINS + 2),
                        org.assertj.core.groups.Tuple.tuple("Marchenko–Pastur fit", 200),
                        org.assertj.core.groups.Tuple.tuple("kept outliers", 5));
        // the before/after table as for the other methods, without their weights table
        assertThat(fx(() -> panes.compression().summaryRows().get(0).after())).isEqualTo("4,100");
        assertThat(fx(() -> panes.compression().layerTableProperty().get())).isFalse();
        assertThat(fx(() -> panes.compression().captionProperty().get())).contains("1 of 2 layers cut");
    }

    @Test
    void aLiveRunAddsEachLayerAsItsSpectrumIsWrittenAndItsRowFollowsTheCut(FxRobot robot) throws Exception {
        String id = RmtKdRunFiles.ID;
        Path run = workspace.resolve(id);
        RmtKdRunFiles.writeRunJson(run, "running", false);
        onBus(new RunEvent.RunStarted(id, 0, "compress", "rmtkd", run.toString()));
        // no spectrum yet (a run killed now has none): the tab is there, empty
        waitFor(() -> fx(() -> robot.lookup("#rmtkd-layer-table").tryQuery().isPresent()));
        assertThat(fx(() -> panes.rmtkd().rows())).isEmpty();

        RmtKdRunFiles.writeSpectra(run, List.of(RmtKdRunFiles.fc1()));
        onBus(metric(id, 2.0, 0, "rmtkd/fc1/width", 32), metric(id, 2.0, 0, "rmtkd/cut", 1), snapshot(id, 2.0, "fc1"));
        waitFor(() -> fx(() -> panes.rmtkd().rows().size()) == 1);
        assertThat(fx(() -> panes.rmtkd().rows().get(0).outcome())).isEqualTo("cutting…");
        waitFor(() -> fx(() -> panes.timeChart("accuracy").eventValues()).equals(List.of(2.0)));

        onBus(metric(id, 2.5, 0, "rmtkd/val_accuracy_cut", 0.6));
        waitFor(() -> fx(() -> panes.rmtkd().rows().get(0).outcome()).equals("cut, distilling…"));
        onBus(metric(id, 5.1, 0, "rmtkd/val_accuracy", 0.82), metric(id, 5.2, 0, "rmtkd/params", 4100));
        waitFor(() -> fx(() -> panes.rmtkd().rows().get(0).outcome()).equals("accepted"));
        assertThat(fx(() -> panes.rmtkd().rows().get(0).validation())).isEqualTo("82.00 %");

        // a half-written file (the job replaces it atomically, but a reader must not trust that) changes nothing
        Files.writeString(run.resolve("spectra/rmtkd.json"), "[{\"layer\":\"fc1\",");
        onBus(snapshot(id, 5.5, "fc1"));
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS); // the loader has read it by then
        assertThat(fx(() -> panes.rmtkd().rows())).extracting(RmtKdViewModel.Row::outcome).containsExactly("accepted");

        // the second layer's spectrum appears while the tab is open, and the chart follows it
        RmtKdRunFiles.writeSpectra(run, List.of(RmtKdRunFiles.fc1(), RmtKdRunFiles.fc2()));
        onBus(metric(id, 6.0, 1, "rmtkd/fc2/width", 16), metric(id, 6.0, 1, "rmtkd/cut", 2), snapshot(id, 6.0, "fc2"));
        waitFor(() -> fx(() -> panes.rmtkd().rows().size()) == 2);
        assertThat(fx(() -> panes.rmtkd().rows().get(1).outcome())).isEqualTo("no cut (k = d)");
        assertThat(fx(() -> panes.rmtkd().rows().get(0).outcome())).isEqualTo("accepted");
        assertThat(fx(() -> panes.rmtkd().chosenProperty().get())).isEqualTo("fc2");
        waitFor(() -> panes.rmtkdPane().pointCounts()[2] == 16);
        assertThat(fx(() -> panes.rmtkdPane().logAxis())).isFalse();
        waitFor(() -> fx(() -> panes.timeChart("loss").eventValues()).equals(List.of(2.0, 6.0)));
        Node chart = panes.rmtkdPane().chart();
        assertThat(fx(chart::isVisible)).isTrue();
    }

    private static RunEvent.MetricPoint metric(String id, double t, long step, String name, double value) {
        return new RunEvent.MetricPoint(id, t, step, -1, name, value);
    }

    private static RunEvent.SpectrumSnapshot snapshot(String id, double t, String layer) {
        return new RunEvent.SpectrumSnapshot(id, t, 0, -1, layer, "activation", new double[] {1}, Map.of(),
                RmtKdJob.SPECTRA_FILE);
    }

    private void onBus(RunEvent... events) throws InterruptedException {
        Thread bus = new Thread(() -> {
            for (RunEvent e : events) {
                panes.liveListener().onEvent(e);
            }
        }, "events-test-bus");
        bus.start();
        bus.join();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
