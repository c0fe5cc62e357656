package dev.joulebench.app.panes;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisMode;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.ui.css.ColorPalette;
import io.fair_acc.dataset.DataSet;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseEvent;

/**
 * One small chart whose x axis is run time (or, through a mapping, optimizer step), linked to the
 * shared {@link LinkedCursor}: a vertical marker follows the cursor, hovering or clicking the plot
 * moves the cursor, and zooming the x axis (Zoomer: drag to zoom; "Show all" in the right-click menu,
 * or Ctrl+right-click, back) zooms every linked chart. FX thread only; its data sets are written
 * elsewhere (see {@link SeriesSet}).
 */
final class TimeChart {
    private final XYChart chart;
    private final DefaultNumericAxis xAxis;
    private final DefaultNumericAxis yAxis;
    private final ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    private final XValueIndicator marker;
    private final LinkedCursor cursor;
    /** Time to axis units and back (identity for a time axis; step mapping for a step axis). */
    private DoubleUnaryOperator toAxis = DoubleUnaryOperator.identity();
    private DoubleUnaryOperator fromAxis = DoubleUnaryOperator.identity();
    private boolean applying;
    private long syncedVersion = -1;
    /** Labelled events on the time axis (RMT-KD cuts), with their times for a change of x units. */
    private final java.util.List<EventLine> eventLines = new java.util.ArrayList<>();
    private java.util.List<CutMarkers.Marker> events = java.util.List.of();
    private long eventsVersion = -1;

    TimeChart(String title, String yLabel, String yUnit, LinkedCursor cursor) {
        this.cursor = cursor;
        xAxis = new DefaultNumericAxis("time", "s");
        yAxis = new DefaultNumericAxis(yLabel, yUnit == null || yUnit.isEmpty() ? null : yUnit);
        for (DefaultNumericAxis a : List.of(xAxis, yAxis)) {
            a.setAnimated(false);
            a.setAutoRangeRounding(false);
            a.setAutoRangePadding(0.02);
            a.setAutoRanging(true);
        }
        xAxis.setForceZeroInRange(true);
        chart = new XYChart(xAxis, yAxis);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setColorPalette(ColorPalette.ATLANTAFX); // the theme's -color-chart-N, light and dark
        chart.getStyleClass().add("jb-pane-chart");
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(false);
        renderer.setAssumeSortedData(true);
        // a few thousand points: the parallel screen-coordinate pass only makes the FX thread wait on a pool
        renderer.setParallelImplementation(false);
        chart.getRenderers().setAll(renderer);
        Zoomer zoomer = new Zoomer(AxisMode.X);
        zoomer.setAnimated(false);
        zoomer.setSliderVisible(false);
        zoomer.omitAxisZoomList().add(yAxis);
        zoomer.setZoomOutMouseFilter(e -> false); // a right-click opens the chart's menu (exports, Show all)
        marker = new XValueIndicator(xAxis, Double.NaN, "");
        marker.setEditable(false);
        chart.getPlugins().addAll(zoomer, marker);

        // Hover or click in the plot moves the shared cursor.
        chart.getPlotArea().addEventFilter(MouseEvent.MOUSE_MOVED, this::pointerAt);
        chart.getPlotArea().addEventFilter(MouseEvent.MOUSE_CLICKED, this::pointerAt);
        cursor.timeProperty().addListener((obs, o, t) -> showCursor(t.doubleValue()));
        // A user zoom or pan (the axis leaves auto-ranging) becomes the shared visible range.
        xAxis.minProperty().addListener((obs, o, n) -> axisMoved());
        xAxis.maxProperty().addListener((obs, o, n) -> axisMoved());
        xAxis.autoRangingProperty().addListener((obs, o, auto) -> {
            if (!applying && auto) {
                cursor.zoomTo(null);
            }
        });
        cursor.visibleRangeProperty().addListener((obs, o, r) -> applyRange(r));
    }

    /** Tick labels with 3 significant digits (the default prints 1.0E-5 and 1.2E-5 both as 1E-5). */
    void useSignificantDigitTicks() {
        yAxis.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(java.util.Locale.ROOT, "%.3g", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
    }

    /** Draws a small marker on every point (for curves with few points, such as per-epoch accuracy). */
    void showPointMarkers() {
        renderer.setDrawMarker(true);
    }

    XYChart node() {
        return chart;
    }

    DefaultNumericAxis xAxis() {
        return xAxis;
    }

    /** Switches the x axis to other units: {@code toAxis} maps seconds to them, {@code fromAxis} back. */
    void setXUnits(String label, String unit, DoubleUnaryOperator toAxis, DoubleUnaryOperator fromAxis) {
        this.toAxis = toAxis;
        this.fromAxis = fromAxis;
        xAxis.setName(label);
        xAxis.setUnit(unit == null || unit.isEmpty() ? null : unit);
        showCursor(cursor.time());
        placeEvents();
        applyRange(cursor.visibleRangeProperty().get());
    }

    /** Draws a labelled vertical line at each event's time when {@code version} changed. FX thread. */
    void showEvents(java.util.List<CutMarkers.Marker> markers, long version) {
        if (version == eventsVersion) {
            return;
        }
        eventsVersion = version;
        events = java.util.List.copyOf(markers);
        chart.getPlugins().removeAll(eventLines);
        eventLines.clear();
        for (CutMarkers.Marker m : events) {
            EventLine line = new EventLine(xAxis, m.label());
            line.setEditable(false);
            line.setLabelPosition(0.96); // near the top (1 = top): the x axis and the curves stay readable below
            eventLines.add(line);
        }
        chart.getPlugins().addAll(eventLines);
        placeEvents();
    }

    /** The events' x values in the current units. */
    java.util.List<Double> eventValues() {
        return eventLines.stream().map(XValueIndicator::getValue).toList();
    }

    /** A labelled event line, styled apart from the cursor ({@code .jb-event-marker} in panes.css). */
    static final class EventLine extends XValueIndicator {
        static final String STYLE = "jb-event-marker";

        EventLine(DefaultNumericAxis axis, String text) {
            super(axis, Double.NaN, text);
            updateStyleClass();
        }

        @Override
        public void updateStyleClass() {
            super.updateStyleClass(); // it replaces the nodes' classes: add ours after it
            if (line != null) {
                label.getStyleClass().add(STYLE);
                line.getStyleClass().add(STYLE);
                triangle.getStyleClass().add(STYLE);
            }
        }
    }

    private void placeEvents() {
        for (int i = 0; i < eventLines.size(); i++) {
            eventLines.get(i).setValue(toAxis.applyAsDouble(events.get(i).t()));
        }
    }

    /** Attaches {@code sets} when {@code version} differs from the last attached one. FX thread. */
    void sync(List<? extends DataSet> sets, long version) {
        if (version != syncedVersion) {
            syncedVersion = version;
            renderer.getDatasets().setAll(sets);
        }
    }

    /** Forces the next {@link #sync} to re-attach (the axis units changed, so the sets did). */
    void invalidateSync() {
        syncedVersion = -1;
    }

    List<DataSet> attached() {
        return List.copyOf(renderer.getDatasets());
    }

    /** The cursor marker's position in axis units (NaN when hidden). */
    double markerValue() {
        return marker.getValue();
    }

    /** The x axis range in seconds. */
    TimeRange visibleTime() {
        double a = fromAxis.applyAsDouble(xAxis.getMin());
        double b = fromAxis.applyAsDouble(xAxis.getMax());
        return a < b ? new TimeRange(a, b) : null;
    }

    /** Seconds for an x position in the canvas (the pointer). */
    double timeAtCanvasX(double canvasX) {
        return fromAxis.applyAsDouble(xAxis.getValueForDisplay(canvasX));
    }

    private void pointerAt(MouseEvent e) {
        Point2D p = chart.getCanvas().sceneToLocal(e.getSceneX(), e.getSceneY());
        if (p == null || p.getX() < 0 || p.getX() > chart.getCanvas().getWidth()) {
            return;
        }
        double t = timeAtCanvasX(p.getX());
        if (Double.isFinite(t)) {
            cursor.moveTo(Math.max(0, t));
        }
    }

    private void showCursor(double t) {
        double x = Double.isNaN(t) ? Double.NaN : toAxis.applyAsDouble(t);
        marker.setValue(x);
    }

    private void axisMoved() {
        if (applying || xAxis.isAutoRanging()) {
            return;
        }
        TimeRange r = visibleTime();
        if (r != null && !r.equals(cursor.visibleRangeProperty().get())) {
            cursor.zoomTo(r);
        }
    }

    private void applyRange(TimeRange r) {
        applying = true;
        try {
            if (r == null) {
                xAxis.setAutoRanging(true);
            } else {
                double a = toAxis.applyAsDouble(r.from());
                double b = toAxis.applyAsDouble(r.to());
                if (a < b) {
                    xAxis.setAutoRanging(false);
                    xAxis.set(a, b);
                }
            }
        } finally {
            applying = false;
        }
        xAxis.forceRedraw();
    }
}
