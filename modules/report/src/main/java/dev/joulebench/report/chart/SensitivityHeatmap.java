package dev.joulebench.report.chart;

import dev.joulebench.report.data.CompressionData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** Java2D heat map (JFreeChart's block renderer cannot outline single cells or print values in them). */
record SensitivityHeatmap(ChartStyle style, CompressionData.Sensitivity s) {
    void draw(java.awt.Graphics2D g, Rectangle2D area) {
        g.setColor(Color.WHITE);
        g.fill(area);
        int rows = s.layers().size();
        int cols = s.chis().length;
        float labelW = 52;
        float headH = 28;
        float legendH = 16;
        double cw = (area.getWidth() - labelW) / Math.max(1, cols);
        double ch = Math.min(22, (area.getHeight() - headH - legendH) / Math.max(1, rows));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : s.accuracy()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        g.setFont(style.boldFont(8.6f));
        g.setColor(Palette.TEXT);
        g.drawString("Sensitivity: validation accuracy (%) with one layer compressed at χ", (float) area.getX(),
                (float) area.getY() + 10);
        g.setFont(style.font(7f));
        for (int c = 0; c < cols; c++) {
            String label = "χ=" + s.chis()[c];
            float w = g.getFontMetrics().stringWidth(label);
            g.drawString(label, (float) (area.getX() + labelW + c * cw + (cw - w) / 2), (float) area.getY() + headH - 4);
        }
        for (int r = 0; r < rows; r++) {
            double y = area.getY() + headH + r * ch;
            g.setColor(Palette.TEXT);
            g.drawString(s.layers().get(r), (float) area.getX(), (float) (y + ch / 2 + 3));
            Integer chosen = s.policyChi().get(s.layers().get(r));
            for (int c = 0; c < cols; c++) {
                double v = s.accuracy()[r][c];
                Rectangle2D cell = new Rectangle2D.Double(area.getX() + labelW + c * cw, y, cw - 1, ch - 1);
                double f = Double.isFinite(v) && hi > lo ? (v - lo) / (hi - lo) : Double.isFinite(v) ? 1 : -1;
                Color fill = f < 0 ? Palette.STRIPE : blend(new Color(239, 245, 251), new Color(8, 69, 148), f);
                g.setColor(fill);
                g.fill(cell);
                String text = Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v * 100) : "–";
                g.setColor(f > 0.55 ? Color.WHITE : Palette.TEXT);
                float w = g.getFontMetrics().stringWidth(text);
                g.drawString(text, (float) (cell.getCenterX() - w / 2), (float) (cell.getCenterY() + 3));
                if (chosen != null && chosen == s.chis()[c]) {
                    g.setColor(Palette.series(1));
                    g.setStroke(new BasicStroke(1.8f));
                    g.draw(cell);
                }
            }
        }
        g.setColor(Palette.MUTED);
        g.setFont(style.font(6.8f));
        String base = Double.isFinite(s.baselineAccuracy())
                ? String.format(Locale.ROOT, "dense model %.2f %%", s.baselineAccuracy() * 100) : "";
        String policy = s.policyChi().isEmpty() ? "policy: every layer stays dense"
                : "outlined: the χ the policy picked per layer";
        g.drawString(base + (base.isEmpty() ? "" : " · ") + policy + " · darker = more accurate",
                (float) area.getX(), (float) (area.getY() + headH + rows * ch + 12));
    }

    private static Color blend(Color a, Color b, double f) {
        return new Color((int) (a.getRed() + (b.getRed() - a.getRed()) * f),
                (int) (a.getGreen() + (b.getGreen() - a.getGreen()) * f),
                (int) (a.getBlue() + (b.getBlue() - a.getBlue()) * f));
    }
}
