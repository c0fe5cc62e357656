package dev.joulebench.report.chart;

import java.awt.Color;
import java.util.List;

/**
 * Colours of the report: Okabe and Ito's colour-blind-safe set for series (distinct also in grey print when paired
 * with the dash patterns of {@link ChartStyle}), and a few greys and tints for text and boxes.
 */
public final class Palette {
    public static final List<Color> SERIES = List.of(
            new Color(0, 114, 178),    // blue
            new Color(213, 94, 0),     // vermillion
            new Color(0, 158, 115),    // bluish green
            new Color(204, 121, 167),  // reddish purple
            new Color(230, 159, 0),    // orange
            new Color(86, 180, 233),   // sky blue
            new Color(120, 120, 120),  // grey
            new Color(240, 228, 66));  // yellow (last: weak on white)
    public static final Color TEXT = new Color(33, 33, 33);
    public static final Color MUTED = new Color(100, 100, 100);
    public static final Color RULE = new Color(190, 190, 190);
    public static final Color GRID = new Color(225, 225, 225);
    public static final Color ACCENT = new Color(0, 94, 150);
    public static final Color TILE = new Color(241, 245, 249);
    public static final Color STRIPE = new Color(246, 246, 246);
    public static final Color HEADER = new Color(228, 234, 240);
    public static final Color BEST = new Color(214, 239, 222);
    public static final Color WARNING = new Color(253, 236, 220);
    public static final Color WARNING_EDGE = new Color(213, 94, 0);
    public static final Color QUOTE = new Color(236, 243, 250);
    public static final Color CODE = new Color(245, 245, 245);

    private Palette() {}

    public static Color series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }
}
