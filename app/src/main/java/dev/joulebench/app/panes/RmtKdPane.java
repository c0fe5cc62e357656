package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartCapture;
import dev.joulebench.app.panes.export.ChartExport;
import dev.joulebench.app.panes.export.ChartExportMenu;
import dev.joulebench.app.panes.model.RmtKdPlot;
import dev.joulebench.app.panes.model.RmtKdRun;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.ColorPalette;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The RMT-KD tab: the chosen layer's activation ESD (histogram density as a filled step outline) with the fitted MP
 * density, λ+ as a marker and the k kept outliers as points on the axis, above the per-layer table (d → k, σ², λ+,
 * outcome). Controls on the FX thread; the three data sets are written on the loader (newest selection wins).
 */
final class RmtKdPane {
    private final VBox root = new VBox(6);
    private final XYChart chart;
    private final DefaultNumericAxis lambdaAxis = new DefaultNumericAxis("eigenvalue λ", null);
    private final DoubleDataSet histogram = new DoubleDataSet("activation ESD (density)", 128);
    private final DoubleDataSet mpCurve = new DoubleDataSet("Marchenko–Pastur fit", 256);
    private final DoubleDataSet outliers = new DoubleDataSet("kept outliers", 64);
    private final XValueIndicator edge;
    private final Label caption = new Label("No activation spectrum yet");
    private final TableView<RmtKdViewModel.Row> table = new TableView<>();
    private final Executor loader;
    private final AtomicLong drawSeq = new AtomicLong();

    RmtKdPane(RmtKdViewModel model, Executor loader, ChartExport exports) {
        this.loader = loader;
        DefaultNumericAxis density = new DefaultNumericAxis("density", null);
        for (DefaultNumericAxis a : java.util.List.of(lambdaAxis, density)) {
            a.setAnimated(false);
            a.setAutoRangeRounding(false);
        }
        density.setAutoRanging(true);
        density.setForceZeroInRange(true);
        chart = new XYChart(lambdaAxis, density);
        chart.setTitle("Activation spectrum");
        chart.setAnimated(false);
        chart.setColorPalette(ColorPalette.ATLANTAFX);
        chart.getStyleClass().add("jb-pane-chart");
        chart.getRenderers().setAll(renderer(LineStyle.AREA, false, histogram),
                renderer(LineStyle.NORMAL, false, mpCurve), renderer(LineStyle.NONE, true, outliers));
        mpCurve.setStyle("-fx-line-width: 2;");
        outliers.setStyle("-fx-marker-size: 6; -fx-marker-type: diamond; -fx-color-index: 3;");
        edge = new XValueIndicator(lambdaAxis, Double.NaN, "λ+");
        edge.setEditable(false);
        chart.getPlugins().add(edge);
        chart.setMinSize(120, 160);
        chart.setId("rmtkd-spectrum");
        VBox.setVgrow(chart, Priority.ALWAYS);

        ComboBox<String> layers = new ComboBox<>(model.layers());
        layers.setId("rmtkd-layer");
        layers.setPromptText("layer");
        layers.valueProperty().bindBidirectional(model.chosenProperty());
        ChartExport.Target target = new ChartExport.Target("rmtkd-spectrum", chart, () -> ChartCapture.of(chart));
        ChartExportMenu.install(exports, target);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label title = new Label("Layer");
        HBox controls = new HBox(8, title, layers, grow, ChartExportMenu.button(exports, target));
        controls.setAlignment(Pos.CENTER_LEFT);
        caption.getStyleClass().add("jb-pane-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        VBox top = new VBox(4, controls, caption, chart);

        table.setId("rmtkd-layer-table");
        table.getColumns().add(column("Layer", RmtKdViewModel.Row::layer, false, 90));
        table.getColumns().add(column("d", r -> String.valueOf(r.d()), true, 50));
        table.getColumns().add(column("k", r -> String.valueOf(r.k()), true, 50));
        table.getColumns().add(column("Cut to", RmtKdViewModel.Row::cutTo, true, 60));
        table.getColumns().add(column("σ²", RmtKdViewModel.Row::sigma2, true, 70));
        table.getColumns().add(column("λ+", RmtKdViewModel.Row::lambdaPlus, true, 70));
        table.getColumns().add(column("Val. acc.", RmtKdViewModel.Row::validation, true, 80));
        table.getColumns().add(column("Outcome", RmtKdViewModel.Row::outcome, false, 170));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setItems(model.rows());
        table.setPlaceholder(new Label("No layer analysed yet"));
        SplitPane body = new SplitPane(top, table);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.64);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().add(body);
        root.setPadding(new Insets(6));
        model.shownProperty().addListener((o, a, layer) -> show(layer));
    }

    Node node() {
        return root;
    }

    private static ErrorDataSetRenderer renderer(LineStyle style, boolean markers, DoubleDataSet data) {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(style);
        r.setDrawMarker(markers);
        r.setParallelImplementation(false);
        r.getDatasets().add(data);
        return r;
    }

    /** The axis and λ+ on the FX thread, the data sets on the loader. */
    private void show(RmtKdRun.Layer layer) {
        if (layer == null) {
            caption.setText("No activation spectrum yet");
            edge.setValue(Double.NaN);
            draw(null);
            return;
        }
        RmtKdPlot p = RmtKdPlot.of(layer);
        caption.setText(RmtKdPlot.caption(layer, p));
        lambdaAxis.setLogAxis(p.log());
        lambdaAxis.setAutoRanging(false);
        lambdaAxis.set(p.xMin(), p.xMax());
        lambdaAxis.forceRedraw();
        edge.setValue(p.lambdaPlus());
        draw(p);
    }

    private void draw(RmtKdPlot p) {
        long seq = drawSeq.incrementAndGet();
        loader.execute(() -> {
            if (seq != drawSeq.get()) {
                return;
            }
            if (p == null) {
                histogram.clearData();
                mpCurve.clearData();
                outliers.clearData();
                return;
            }
            histogram.set(p.stepX(), p.stepY(), p.stepX().length, true);
            mpCurve.set(p.mpX(), p.mpY(), p.mpX().length, true);
            outliers.set(p.outlierX(), p.outlierY(), p.outlierX().length, true);
        });
    }

    /** Points in the histogram outline, MP curve and outliers data sets (for tests), read under their locks. */
    int[] pointCounts() {
        return new int[] {count(histogram), count(mpCurve), count(outliers)};
    }

    /** λ+'s marker position. FX thread. */
    double lambdaPlusMarker() {
        return edge.getValue();
    }

    boolean logAxis() {
        return lambdaAxis.isLogAxis();
    }

    XYChart chart() {
        return chart;
    }

    private static int count(DoubleDataSet ds) {
        return ds.lock().readLockGuard((java.util.function.Supplier<Integer>) ds::getDataCount);
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value, boolean numeric,
                                                     double width) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        c.setPrefWidth(width); // proportions under constrained resizing
        if (numeric) {
            c.getStyleClass().add("jb-numeric");
        }
        return c;
    }
}
