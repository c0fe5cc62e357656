package dev.joulebench.app.panes.export;

import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.spi.ChartFiles;
import dev.joulebench.report.spi.FontFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.Arrays;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import dev.joulebench.report.chart.Palette;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;

/**
 * Draws a {@link ChartSnapshot} as SVG vectors with the report's chart look (modules/report: its bundled DejaVu
 * fonts, {@link ChartStyle}'s white plot and grid, its figure width): each data set one JFreeChart series in the
 * colour it had on screen, text kept as text. Any thread; no JavaFX.
 */
public final class ChartSvg {
    /** The report's figure width in points, which its font sizes were chosen for. */
    static final double WIDTH = ChartFiles.WIDTH;
    // unquoted: JFreeSVG puts the style in a single-quoted attribute
    private static final String FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";

    private ChartSvg() {}

    /** Parsing the bundled fonts takes a moment: once, on the first export. */
    private static final class Fonts {
        static final ChartStyle STYLE;

        static {
            FontFiles f = new FontFiles();
            STYLE = new ChartStyle(f.awtRegular(), f.awtBold());
        }
    }

    /**
     * The SVG document of {@code snapshot}, {@link #WIDTH} points wide.
     *
     * @param aspect height / width of the pane it came from (a plot keeps the pane's shape between 0.35 and 1;
     *               a heat-map takes the height its rows need)
     */
    public static String render(ChartSnapshot snapshot, double aspect) {
        ChartStyle style = Fonts.STYLE;
        // the pane's shape, kept within what reads as a figure: a tall narrow side pane becomes square
        double a = Double.isFinite(aspect) && aspect > 0 ? Math.max(0.35, Math.min(aspect, 1.0)) : 0.62;
        if (snapshot instanceof HeatMapSnapshot h) {
            HeatMapSvg drawing = new HeatMapSvg(style, h);
            double height = drawing.height(WIDTH);
            SVGGraphics2D g = graphics(WIDTH, height);
            drawing.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
            return g.getSVGDocument();
        }
        PlotSnapshot p = (PlotSnapshot) snapshot;
        SVGGraphics2D g = graphics(WIDTH, WIDTH * a);
        chart(style, p).draw(g, new Rectangle2D.Double(0, 0, WIDTH, WIDTH * a));
        return g.getSVGDocument();
    }

    private static SVGGraphics2D graphics(double w, double h) {
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        g.setFontFunction(family -> family.startsWith("DejaVu") ? FAMILY : family);
        return g;
    }

    /** One dataset and renderer per series, so each keeps its own style; the axes fixed at the pane's ranges. */
    static JFreeChart chart(ChartStyle style, PlotSnapshot p) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(axis(p.x()));
        ValueAxis y = axis(p.y());
        y.setLabel(null); // above the plot instead, as text: JFreeChart draws rotated labels as glyph outlines
        plot.setRangeAxis(y);
        for (int i = 0; i < p.series().size(); i++) {
            PlotSnapshot.Series s = p.series().get(i);
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int j = 0; j < s.size(); j++) {
                if (Double.isFinite(s.x()[j])) {
                    xy.add(s.x()[j], Double.isFinite(s.y()[j]) ? Double.valueOf(s.y()[j]) : null); // null: a gap
                }
            }
            XYSeriesCollection data = new XYSeriesCollection(xy);
            if (s.style() == PlotSnapshot.Style.BARS) {
                data.setIntervalWidth(barWidth(s.x()));
            }
            plot.setDataset(i, data);
            plot.setRenderer(i, renderer(style, s, seriesId(i)));
        }
        for (PlotSnapshot.Marker m : p.markers()) {
            plot.addDomainMarker(marker(style, m), Layer.FOREGROUND);
        }
        JFreeChart chart = new JFreeChart(p.title().isEmpty() ? null : p.title(), style.boldFont(8.6f), plot,
                !p.series().isEmpty());
        style.apply(chart);
        TextTitle yLabel = new TextTitle(p.y().text(), style.font(7.6f));
        yLabel.setPaint(Palette.TEXT);
        yLabel.setHorizontalAlignment(HorizontalAlignment.LEFT);
        chart.addSubtitle(0, yLabel);
        return chart;
    }

    /** The id of series {@code i}'s line in the SVG ("series-0"), so a reader or a script can find it. */
    public static String seriesId(int i) {
        return "series-" + i;
    }

    /** Draws the series' line as one path that carries {@code id} (JFreeSVG gives the next element drawn the id). */
    private static final class NamedLineRenderer extends XYLineAndShapeRenderer {
        private static final long serialVersionUID = 1L;
        private final String id;

        NamedLineRenderer(boolean lines, boolean shapes, String id) {
            super(lines, shapes);
            this.id = id;
        }

        @Override
        protected void drawFirstPassShape(java.awt.Graphics2D g2, int pass, int series, int item, java.awt.Shape shape) {
            g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, id);
            super.drawFirstPassShape(g2, pass, series, item, shape);
        }
    }

    private static XYItemRenderer renderer(ChartStyle style, PlotSnapshot.Series s, String id) {
        Color colour = new Color(s.rgb());
        java.awt.Stroke stroke = s.dashed() ? style.dashed(1.2f) : style.stroke(0, 1.2f);
        switch (s.style()) {
            case AREA -> {
                XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
                area.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
                area.setOutline(true);
                area.setSeriesOutlinePaint(0, colour);
                area.setSeriesOutlineStroke(0, new BasicStroke(0.8f));
                return area;
            }
            case BARS -> {
                XYBarRenderer bars = new XYBarRenderer();
                bars.setBarPainter(new StandardXYBarPainter());
                bars.setShadowVisible(false);
                bars.setDrawBarOutline(false);
                bars.setSeriesPaint(0, colour);
                return bars;
            }
            default -> {
                boolean lines = s.style() != PlotSnapshot.Style.POINTS;
                boolean shapes = s.style() != PlotSnapshot.Style.LINE;
                XYLineAndShapeRenderer r = new NamedLineRenderer(lines, shapes, id);
                r.setDrawSeriesLineAsPath(true); // one path per series, not a line element per segment
                r.setSeriesPaint(0, colour);
                r.setSeriesStroke(0, stroke);
                r.setSeriesShape(0, s.style() == PlotSnapshot.Style.POINTS ? diamond(3.5)
                        : new Ellipse2D.Double(-2, -2, 4, 4));
                return r;
            }
        }
    }

    private static java.awt.Shape diamond(double r) {
        java.awt.geom.Path2D.Double d = new java.awt.geom.Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }

    /** Bars as wide as the median spacing of their centres (a histogram's bin width). */
    private static double barWidth(double[] x) {
        if (x.length < 2) {
            return 1;
        }
        double[] gaps = new double[x.length - 1];
        for (int i = 1; i < x.length; i++) {
            gaps[i - 1] = Math.abs(x[i] - x[i - 1]);
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2] > 0 ? gaps[gaps.length / 2] : 1;
    }

    /** The axis at the range the pane showed; a log axis labelled at whole powers of its base. */
    private static ValueAxis axis(PlotSnapshot.Axis a) {
        boolean range = Double.isFinite(a.min()) && Double.isFinite(a.max()) && a.max() > a.min();
        if (a.log() && range && a.min() > 0) {
            LogAxis log = new PlainTickLogAxis(a.text());
            log.setBase(a.logBase());
            log.setSmallestValue(a.min() / 10);
            log.setTickUnit(new NumberTickUnit(1));
            log.setMinorTickCount(a.logBase() == 10 ? 9 : 1);
            log.setMinorTickMarksVisible(true);
            boolean plain = a.min() >= 0.01 && a.max() < 1e6;
            log.setNumberFormatOverride(new DecimalFormat(plain ? "#,##0.##" : "0E0"));
            log.setRange(a.min(), a.max());
            return log;
        }
        NumberAxis n = new NumberAxis(a.text());
        n.setAutoRangeIncludesZero(false);
        if (range) {
            n.setRange(a.min(), a.max());
        }
        return n;
    }

    /**
     * A log axis whose tick labels are plain text: LogAxis makes them attributed strings (for superscripts),
     * which JFreeSVG can only draw as glyph outlines; the labels here are decimal numbers anyway.
     */
    private static final class PlainTickLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;

        PlainTickLogAxis(String label) {
            super(label);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public java.util.List refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
                                           Rectangle2D dataArea, org.jfree.chart.ui.RectangleEdge edge) {
            java.util.List out = new java.util.ArrayList();
            for (Object t : super.refreshTicks(g2, state, dataArea, edge)) {
                if (t instanceof org.jfree.chart.axis.LogTick lt) {
                    StringBuilder text = new StringBuilder();
                    if (lt.getAttributedLabel() != null) {
                        java.text.AttributedCharacterIterator it = lt.getAttributedLabel().getIterator();
                        for (char c = it.first(); c != java.text.CharacterIterator.DONE; c = it.next()) {
                            text.append(c);
                        }
                    }
                    out.add(new org.jfree.chart.axis.NumberTick(lt.getTickType(), lt.getValue(), text.toString(),
                            lt.getTextAnchor(), lt.getRotationAnchor(), lt.getAngle()));
                } else {
                    out.add(t);
                }
            }
            return out;
        }
    }

    /** Like the report's markers: a dashed line with a small label on a white ground, left of the line. */
    private static ValueMarker marker(ChartStyle style, PlotSnapshot.Marker m) {
        Color paint = new Color(m.rgb());
        ValueMarker v = new ValueMarker(m.x(), paint, style.dashed(0.9f));
        if (m.label() != null && !m.label().isEmpty()) {
            v.setLabel(m.label());
            v.setLabelFont(style.font(6.6f));
            v.setLabelPaint(paint);
            v.setLabelBackgroundColor(Color.WHITE);
            v.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            v.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        }
        return v;
    }
}
