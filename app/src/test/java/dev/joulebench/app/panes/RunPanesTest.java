package dev.joulebench.app.panes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.app.panes.model.PowerReading;
import dev.joulebench.app.panes.model.RunFiles;
import dev.joulebench.app.panes.model.SpectrumView;
import dev.joulebench.app.support.TestPanes;
import dev.joulebench.core.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class RunPanesTest {
    @RegisterExtension
    final TestPanes shown = new TestPanes();
    private RunPanes panes;

    @TempDir
    Path workspace;

    @Start
    void start(Stage stage) {
        panes = shown.show(stage, 1200, 760);
    }

    @Test
    void eventsFromTheBusThreadFillAccuracyLossPowerAndEnergy() throws Exception {
        Path runDir = workspace.resolve("live");
        RunFiles.write(runDir, "20260101-000000-train-bp-1111", 1, 0.0, 1.0, "measured");
        Files.delete(runDir.resolve("spectra/activations.jsonl"));
        Thread bus = new Thread(() -> {
            String id = "20260101-000000-train-bp-1111";
            panes.liveListener().onEvent(new RunEvent.RunStarted(id, 0, "train", "bp", runDir.toString()));
            for (int i = 1; i <= 50; i++) {
                double t = i * 0.1;
                panes.liveListener().onEvent(new RunEvent.PowerSample(id, t, Map.of("cpu", 20.0, "ram", 3.0),
                        Map.of("cpu", "estimated", "ram", "estimated")));
                if (i % 5 == 0) {
                    // the ledger's figures, deliberately not the integral of the samples: the pane plots them as they are
                    panes.liveListener().onEvent(new RunEvent.EnergyUpdate(id, t, Map.of("cpu", 1000.0 * i, "ram", 360.0 * i),
                            Map.of("cpu", "estimated (model)", "ram", "estimated (model)"), 1360.0 * i));
                }
                panes.liveListener().onEvent(new RunEvent.MetricPoint(id, t, i * 10L, 0, "train/loss", 1.0 / i));
                if (i % 10 == 0) {
                    panes.liveListener().onEvent(new RunEvent.MetricPoint(id, t, i * 10L, 0, "val/accuracy", i / 60.0));
                    panes.liveListener().onEvent(new RunEvent.MetricPoint(id, t, i * 10L, 0, "train/layer1_loss", 2.0 / i));
                }
                // another run's events on the same bus are not mixed in
                panes.liveListener().onEvent(new RunEvent.MetricPoint("other", t, i, 0, "train/loss", 9));
            }
        }, "events-test-bus");
        bus.start();
        bus.join();
        // the flush thread appends series one after another: wait for all of them, not the first few
        waitFor(() -> panes.pointCount("train/loss") == 50 && panes.pointCount("val/accuracy") == 5
                && panes.pointCount("power/cpu") == 50 && panes.pointCount("energy/kwh") == 10
                && panes.pointCount("energy/cpu") == 10 && panes.pointCount("energy/ram") == 10
                && panes.pointCount("train/layer1_loss") == 5 && panes.pointCount("power/ram") == 50);
        assertThat(panes.pointCount("train/layer1_loss")).isEqualTo(5);
        assertThat(panes.pointCount("power/ram")).isEqualTo(50);
        assertThat(panes.seriesCount("loss")).isEqualTo(2);
        // one energy point per update, none per power sample; the last is the ledger's total
        assertThat(panes.lastValue("energy/kwh")).isCloseTo(1360.0 * 50 / 3.6e6, within(1e-15));
        assertThat(panes.lastValue("energy/cpu")).isCloseTo(1000.0 * 50 / 3.6e6, within(1e-15));
        waitFor(() -> fx(() -> panes.timeChart("energy").attached().size()) == 3);
        assertThat(fx(() -> panes.timeChart("energy").attached().stream().map(d -> d.getName()).toList()))
                .containsExactlyInAnyOrder("cpu estimated (model)", "ram estimated (model)", "total (estimated)");
        // the charts attach the data sets on the FX thread, with the source and its method in the legend
        waitFor(() -> fx(() -> panes.timeChart("power").attached().size()) == 2);
        assertThat(fx(() -> panes.timeChart("power").attached().stream().map(d -> d.getName()).toList()))
                .containsExactlyInAnyOrder("cpu (estimated)", "ram (estimated)");
        assertThat(fx(() -> panes.timeChart("accuracy").attached().size())).isEqualTo(1);
        // the model of the live run is read from its run.json
        waitFor(() -> fx(() -> panes.timeChart("loss").attached().size()) == 2);
    }

    @Test
    void theCursorMovesInEveryPaneAndSelectsTheNearestReadingAndSnapshot(FxRobot robot) throws Exception {
        Path runDir = workspace.resolve("run");
        RunFiles.write(runDir, "20260101-000000-train-bp-2222", 3, 3.0, 10.0, "estimated");
        robot.interact(() -> panes.show(runDir));
        waitFor(() -> panes.pointCount("power/cpu") == 31);
        waitFor(() -> fx(() -> panes.selectedSnapshotProperty().get()) != null);

        waitFor(() -> panes.spectraPane().histogramBins() == SpectrumView.BINS); // drawn on the loader
        assertThat(fx(() -> panes.modelPane().rows())).isEqualTo(3); // input, dense1, dense2 of mlp:784-32-10
        robot.interact(() -> panes.cursor().moveTo(1.26));
        for (String chart : List.of("power", "energy", "loss", "accuracy")) {
            assertThat(fx(() -> panes.markerValue(chart))).as(chart).isEqualTo(1.26);
        }
        PowerReading r = fx(() -> panes.selectedPowerProperty().get());
        assertThat(r.t()).isCloseTo(1.3, within(1e-9));
        SpectrumView s = fx(() -> panes.selectedSnapshotProperty().get());
        assertThat(s.step()).isEqualTo(100);
        robot.interact(() -> panes.cursor().moveTo(1.9));
        assertThat(fx(() -> panes.selectedSnapshotProperty().get()).step()).isEqualTo(200);

        // vs step: the loss and accuracy markers sit at the step mapped from the cursor's time
        robot.interact(() -> panes.setMetricsByStep(true));
        assertThat(fx(() -> panes.markerValue("loss"))).isCloseTo(190, within(1e-9));
        assertThat(fx(() -> panes.markerValue("power"))).isEqualTo(1.9);

        // hovering a chart moves the cursor, and the marker in the other charts with it
        robot.moveTo(panes.chartNode("energy"));
        WaitForAsyncUtils.waitForFxEvents();
        double t = fx(() -> panes.cursor().time());
        assertThat(t).isNotEqualTo(1.9).isBetween(0.0, 3.1);
        assertThat(fx(() -> panes.markerValue("power"))).isEqualTo(t);
        assertThat(fx(() -> panes.selectedPowerProperty().get().t())).isCloseTo(t, within(0.051));
    }

    @Test
    void zoomingOneTimeAxisZoomsTheOthers(FxRobot robot) throws Exception {
        Path runDir = workspace.resolve("run");
        RunFiles.write(runDir, "20260101-000000-train-bp-3333", 3, 3.0, 10.0, "measured");
        robot.interact(() -> panes.show(runDir));
        waitFor(() -> panes.pointCount("train/loss") == 3);
        WaitForAsyncUtils.waitForFxEvents();
        // what the Zoomer does on a drag: leave auto-ranging and set the range
        robot.interact(() -> {
            panes.timeChart("power").xAxis().setAutoRanging(false);
            panes.timeChart("power").xAxis().set(0.5, 1.5);
        });
        assertThat(fx(() -> panes.cursor().visibleRangeProperty().get())).isEqualTo(new TimeRange(0.5, 1.5));
        for (String chart : List.of("energy", "loss", "accuracy")) {
            TimeRange v = fx(() -> panes.visibleRange(chart));
            assertThat(v.from()).as(chart).isCloseTo(0.5, within(1e-9));
            assertThat(v.to()).as(chart).isCloseTo(1.5, within(1e-9));
        }
        robot.interact(() -> panes.setMetricsByStep(true));
        assertThat(fx(() -> panes.timeChart("loss").xAxis().getMin())).isCloseTo(100, within(1e-9)); // t 0.5 held at step 100
        assertThat(fx(() -> panes.timeChart("loss").xAxis().getMax())).isCloseTo(150, within(1e-9));
        // back to fitting the data: every axis auto-ranges again
        robot.interact(() -> panes.timeChart("energy").xAxis().setAutoRanging(true));
        assertThat(fx(() -> panes.cursor().visibleRangeProperty().get())).isNull();
        assertThat(fx(() -> panes.timeChart("power").xAxis().isAutoRanging())).isTrue();
    }

    @Test
    void showLoadsARecordedRunAndCompareOverlaysTwo(FxRobot robot) throws Exception {
        Path a = workspace.resolve("a");
        Path b = workspace.resolve("b");
        RunFiles.write(a, "20260101-000000-train-bp-aaaa", 3, 2.0, 10.0, "measured");
        RunFiles.write(b, "20260101-000001-train-mf-bbbb", 4, 3.0, 20.0, "estimated");
        robot.interact(() -> panes.show(a));
        // a load appends one data set after another: wait for every one the assertions read
        waitFor(() -> panes.pointCount("energy/kwh") == 21 && panes.pointCount("energy/gpu0") == 21
                && panes.pointCount("train/loss") == 3
                && panes.pointCount("val/accuracy") == 1 && panes.pointCount("power/gpu0") == 21);
        assertThat(panes.pointCount("train/loss")).isEqualTo(3);
        assertThat(panes.pointCount("val/accuracy")).isEqualTo(1);
        assertThat(panes.pointCount("power/gpu0")).isEqualTo(21);
        // a recorded run's cumulative energy is the ledger's replay of power.csv: 10 W x 2 s + 1 W x 2 s
        assertThat(panes.lastValue("energy/kwh")).isCloseTo(22.0 / 3.6e6, within(1e-15));
        waitFor(() -> fx(() -> panes.timeChart("power").attached().size()) == 2);

        robot.interact(() -> panes.compare(List.of(a, b)));
        waitFor(() -> panes.pointCount("bbbb:train/loss") == 4 && panes.pointCount("aaaa:train/loss") == 3
                && panes.pointCount("bbbb:power") == 31 && panes.pointCount("train/loss") == 0);
        for (String chart : List.of("power", "energy", "loss", "accuracy")) {
            assertThat(panes.seriesCount(chart)).as(chart).isEqualTo(2);
            waitFor(() -> fx(() -> panes.timeChart(chart).attached().size()) == 2);
        }
        assertThat(panes.pointCount("bbbb:power")).isEqualTo(31);
        assertThat(panes.pointCount("train/loss")).isZero(); // the single run's series are gone
    }

    @Test
    void aShownRunIsNotMixedWithTheStreamingOneAndShowingTheStreamingRunResumesIt(FxRobot robot) throws Exception {
        String id = "20260101-000000-train-bp-5555";
        Path live = workspace.resolve("live");
        RunFiles.write(live, id, 2, 0.5, 4.0, "measured");
        Path other = workspace.resolve("other");
        RunFiles.write(other, "20260101-000000-train-bp-6666", 3, 1.0, 10.0, "measured");
        onBus(new RunEvent.RunStarted(id, 0, "train", "bp", live.toString()),
                new RunEvent.MetricPoint(id, 5, 500, 0, "train/loss", 0.5));
        waitFor(() -> panes.pointCount("train/loss") == 1);

        robot.interact(() -> panes.show(other));
        waitFor(() -> panes.pointCount("train/loss") == 3);
        onBus(new RunEvent.MetricPoint(id, 6, 600, 0, "train/loss", 0.4));
        panes.flushNow(); // whatever that event recorded would be written now
        assertThat(panes.pointCount("train/loss")).isEqualTo(3); // not drawn into the other run

        robot.interact(() -> panes.show(live)); // its files: 2 train/loss points; the bus's next ones append
        waitFor(() -> panes.pointCount("train/loss") == 2);
        onBus(new RunEvent.MetricPoint(id, 7, 700, 0, "train/loss", 0.3));
        waitFor(() -> panes.pointCount("train/loss") == 3);

        robot.interact(() -> panes.show(workspace.resolve("no-such-run")));
        waitFor(() -> panes.pointCount("train/loss") == 0);
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
