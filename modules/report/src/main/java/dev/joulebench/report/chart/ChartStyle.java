package dev.joulebench.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * One look for every chart: the bundled font (so chart text is embedded and searchable in the PDF, and prints
 * λ, χ and CO₂), white plots with light grid lines, series told apart by colour and dash pattern.
 */
public final class ChartStyle {
    private static final float[][] DASHES = {null, {5f, 3f}, {1.5f, 2f}, {7f, 2.5f, 1.5f, 2.5f}};
    private final Font regular;
    private final Font bold;

    /** @param regular the body face at any size, {@code bold} its bold face */
    public ChartStyle(Font regular, Font bold) {
        this.regular = regular;
        this.bold = bold;
    }

    public Font font(float size) {
        return regular.deriveFont(size);
    }

    public Font boldFont(float size) {
        return bold.deriveFont(size);
    }

    /** Series i: colour cycles first, then the dash pattern, so 32 series stay distinct. */
    public Color color(int i) {
        return Palette.series(i);
    }

    public Stroke stroke(int i, float width) {
        return stroke(width, DASHES[Math.floorMod(i / Palette.SERIES.size(), DASHES.length)]);
    }

    public Stroke dashed(float width) {
        return stroke(width, DASHES[1]);
    }

    public Stroke dotted(float width) {
        return stroke(width, DASHES[2]);
    }

    private static Stroke stroke(float width, float[] dash) {
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 4f, dash, 0f);
    }

    /** Applies the look to a chart made by JFreeChart's factory. */
    public JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(2, 2, 2, 6));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(boldFont(8.6f));
            chart.getTitle().setPaint(Palette.TEXT);
            chart.getTitle().setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            Title t = chart.getSubtitle(i);
            if (t instanceof LegendTitle legend) {
                legend.setItemFont(font(7f));
                legend.setFrame(BlockBorder.NONE);
                legend.setBackgroundPaint(Color.WHITE);
                legend.setPosition(RectangleEdge.BOTTOM);
            } else if (t instanceof TextTitle text) {
                text.setFont(font(7.2f));
                text.setPaint(Palette.MUTED);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Palette.RULE);
        plot.setNoDataMessageFont(font(8f));
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(Palette.GRID);
            xy.setRangeGridlinePaint(Palette.GRID);
            xy.setDomainGridlineStroke(new BasicStroke(0.4f));
            xy.setRangeGridlineStroke(new BasicStroke(0.4f));
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
        } else if (plot instanceof CategoryPlot cat) {
            cat.setRangeGridlinePaint(Palette.GRID);
            cat.setRangeGridlineStroke(new BasicStroke(0.4f));
            cat.setAxisOffset(RectangleInsets.ZERO_INSETS);
            axis(cat.getDomainAxis());
            axis(cat.getRangeAxis());
        }
        return chart;
    }

    private void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(font(7.6f));
        axis.setTickLabelFont(font(6.8f));
        axis.setLabelPaint(Palette.TEXT);
        axis.setTickLabelPaint(Palette.MUTED);
        axis.setAxisLinePaint(Palette.RULE);
        axis.setTickMarkPaint(Palette.RULE);
    }
}
