package dev.joulebench.app.panes.model;

/**
 * The sensitivity heat-map's colours, shared by the pane and its SVG export so both show the same: red (worst
 * measured) through amber to green (best or baseline), as hue 0..120° at saturation 0.45 and brightness 0.93.
 */
public final class HeatScale {
    private static final double SATURATION = 0.45;
    private static final double BRIGHTNESS = 0.93;

    private HeatScale() {}

    /** 0xRRGGBB for {@code shade} in [0, 1] (clamped); NaN has no colour here (the caller greys it). */
    public static int rgb(double shade) {
        double h = 120 * Math.max(0, Math.min(1, shade)) / 60; // sector of the hue circle, 0..2
        double c = BRIGHTNESS * SATURATION;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double m = BRIGHTNESS - c;
        double r = h < 1 ? c : x;
        double g = h < 1 ? x : c;
        return channel(r + m) << 16 | channel(g + m) << 8 | channel(m);
    }

    /** "#rrggbb". */
    public static String css(double shade) {
        return String.format(java.util.Locale.ROOT, "#%06x", rgb(shade));
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
}
