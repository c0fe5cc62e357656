package dev.joulebench.app.panes.export;

import java.util.List;

/**
 * An x/y chart as shown: its title, both axes with their current ranges, every data set with its colour and points,
 * and the labelled vertical markers (λ+, cuts).
 *
 * @param series  in drawing order; the legend lists them in this order
 * @param markers vertical lines at an x value, with their labels
 */
public record PlotSnapshot(String title, Axis x, Axis y, List<Series> series, List<Marker> markers)
        implements ChartSnapshot {
    public PlotSnapshot {
        series = List.copyOf(series);
        markers = List.copyOf(markers);
    }

    /**
     * One axis.
     *
     * @param unit    "" when the quantity has none
     * @param logBase the base of a logarithmic axis (then min > 0), 0 for a linear one
     */
    public record Axis(String label, String unit, double min, double max, double logBase) {
        public boolean log() {
            return logBase > 1;
        }

        /** "power (W)", or the label alone. */
        public String text() {
            return unit == null || unit.isEmpty() ? label : label + " (" + unit + ")";
        }
    }

    /** How a data set is drawn. */
    public enum Style {
        /** a polyline through the points */
        LINE,
        /** a polyline with a dot on every point */
        LINE_AND_POINTS,
        /** the polyline filled down to y = 0 (a histogram drawn as steps) */
        AREA,
        /** bars centred on the points, each as wide as the spacing of the points */
        BARS,
        /** dots only */
        POINTS
    }

    /**
     * One data set.
     *
     * @param rgb    its colour as drawn, 0xRRGGBB
     * @param dashed drawn with a dash pattern (estimated power, a baseline)
     */
    public record Series(String name, int rgb, Style style, boolean dashed, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            }
        }

        public int size() {
            return x.length;
        }
    }

    /** A vertical line at {@code x} with its label ("λ+", "fc1 cut"). */
    public record Marker(double x, String label, int rgb) {}
}
