package dev.joulebench.app.panes.export;

import dev.joulebench.app.panes.model.HeatScale;
import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.chart.Palette;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * A {@link HeatMapSnapshot} drawn with Java2D (a JFreeChart block renderer cannot outline single cells or print
 * their values): title, caption, χ headers, layer names, one filled rectangle per cell with its value, the chosen
 * cells outlined, and the colour scale with what its ends stand for. Any thread.
 */
final class HeatMapSvg {
    private static final float TITLE_H = 14;
    private static final float CAPTION_H = 12;
    private static final float HEAD_H = 14;
    private static final float CELL_H = 18;
    private static final float SCALE_H = 26;
    private static final int SCALE_STEPS = 12;
    private final ChartStyle style;
    private final HeatMapSnapshot h;

    HeatMapSvg(ChartStyle style, HeatMapSnapshot h) {
        this.style = style;
        this.h = h;
    }

    /** The height the rows need at {@code width}. */
    double height(double width) {
        return TITLE_H + CAPTION_H + HEAD_H + Math.max(1, h.rows().size()) * CELL_H + SCALE_H + 4;
    }

    void draw(Graphics2D g, Rectangle2D area) {
        g.setColor(Color.WHITE);
        g.fill(area);
        double x0 = area.getX();
        double y = area.getY();
        g.setFont(style.boldFont(8.6f));
        g.setColor(Palette.TEXT);
        g.drawString(h.title(), (float) x0, (float) y + 10);
        y += TITLE_H;
        g.setFont(style.font(6.8f));
        g.setColor(Palette.MUTED);
        // the pane spaces the caption's parts with runs of blanks, which SVG text collapses: a dot instead
        g.drawString(h.caption().strip().replaceAll("\\s{2,}", " · "), (float) x0, (float) y + 8);
        y += CAPTION_H;
        g.setFont(style.font(7f));
        float labelW = 8;
        for (String r : h.rows()) {
            labelW = Math.max(labelW, g.getFontMetrics().stringWidth(r) + 8);
        }
        labelW = Math.max(labelW, g.getFontMetrics().stringWidth(h.corner()) + 8);
        int cols = Math.max(1, h.columns().size());
        double cw = (area.getWidth() - labelW) / cols;
        g.setColor(Palette.MUTED);
        g.drawString(h.corner(), (float) x0, (float) y + 10);
        g.setColor(Palette.TEXT);
        for (int c = 0; c < h.columns().size(); c++) {
            String label = h.columns().get(c);
            float w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, (float) (x0 + labelW + c * cw + (cw - w) / 2), (float) y + 10);
        }
        y += HEAD_H;
        for (int r = 0; r < h.rows().size(); r++) {
            g.setColor(Palette.TEXT);
            g.drawString(h.rows().get(r), (float) x0, (float) (y + r * CELL_H + CELL_H / 2 + 3));
        }
        for (HeatMapSnapshot.Cell cell : h.cells()) {
            Rectangle2D box = new Rectangle2D.Double(x0 + labelW + cell.column() * cw + 1, y + cell.row() * CELL_H + 1,
                    cw - 2, CELL_H - 2);
            g.setColor(Double.isNaN(cell.shade()) ? Palette.STRIPE : new Color(HeatScale.rgb(cell.shade())));
            g.fill(box);
            g.setColor(Palette.TEXT);
            float w = g.getFontMetrics().stringWidth(cell.text());
            g.drawString(cell.text(), (float) (box.getCenterX() - w / 2), (float) (box.getCenterY() + 3));
            if (cell.outlined()) {
                g.setColor(Palette.ACCENT);
                g.setStroke(new BasicStroke(1.8f));
                g.draw(box);
            }
        }
        y += h.rows().size() * CELL_H + 8;
        drawScale(g, x0, y);
    }

    /** The colour scale: a strip of steps from shade 0 to 1 with what the two ends stand for. */
    private void drawScale(Graphics2D g, double x0, double y) {
        g.setFont(style.font(6.8f));
        g.setColor(Palette.MUTED);
        float lowW = g.getFontMetrics().stringWidth(h.scaleLow());
        g.drawString(h.scaleLow(), (float) x0, (float) y + 9);
        double stripX = x0 + lowW + 6;
        double step = 10;
        for (int i = 0; i < SCALE_STEPS; i++) {
            g.setColor(new Color(HeatScale.rgb(i / (double) (SCALE_STEPS - 1))));
            g.fill(new Rectangle2D.Double(stripX + i * step, y, step, 11));
        }
        g.setColor(Palette.MUTED);
        g.drawString(h.scaleHigh(), (float) (stripX + SCALE_STEPS * step + 6), (float) y + 9);
    }
}
