package dev.joulebench.report.content;

import java.util.Locale;

/** How figures are printed in reports: always with their unit, "–" where a figure was not recorded. */
public final class Fmt {
    public static final String NONE = "–";

    private Fmt() {}

    /** kWh in the CLI's style (three significant figures, e-notation for small runs). */
    public static String kwh(double kwh) {
        if (!Double.isFinite(kwh)) {
            return NONE;
        }
        return (kwh != 0 && Math.abs(kwh) < 0.01 ? String.format(Locale.ROOT, "%.3e", kwh)
                : String.format(Locale.ROOT, "%.4f", kwh)) + " kWh";
    }

    /** The same energy in the unit that reads best (J, Wh or kWh). */
    public static String energy(double kwh) {
        if (!Double.isFinite(kwh)) {
            return NONE;
        }
        double j = kwh * 3.6e6;
        if (j < 3600) {
            return String.format(Locale.ROOT, "%.3g J", j);
        }
        return j < 3.6e6 ? String.format(Locale.ROOT, "%.3g Wh", j / 3600) : String.format(Locale.ROOT, "%.3g kWh", kwh);
    }

    /** CO₂e in g below a kilogram, else kg. */
    public static String co2e(double kg) {
        if (!Double.isFinite(kg)) {
            return NONE;
        }
        if (kg < 1e-3) {
            return String.format(Locale.ROOT, "%.3g mg CO₂e", kg * 1e6);
        }
        return kg < 1 ? String.format(Locale.ROOT, "%.3g g CO₂e", kg * 1000) : String.format(Locale.ROOT, "%.3g kg CO₂e", kg);
    }

    public static String water(double litres) {
        if (!Double.isFinite(litres)) {
            return NONE;
        }
        return litres < 1 ? String.format(Locale.ROOT, "%.3g mL", litres * 1000) : String.format(Locale.ROOT, "%.3g L", litres);
    }

    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f %%", fraction * 100) : NONE;
    }

    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return NONE;
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long t = Math.round(s);
        return t < 3600 ? String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60)
                : String.format(Locale.ROOT, "%d h %02d min", t / 3600, (t % 3600) / 60);
    }

    public static String count(double n) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%,d", Math.round(n)) : NONE;
    }

    public static String mib(double mib) {
        return Double.isFinite(mib) ? String.format(Locale.ROOT, "%.0f MiB", mib) : NONE;
    }

    public static String watts(double w) {
        return Double.isFinite(w) ? String.format(Locale.ROOT, "%.2f W", w) : NONE;
    }

    public static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return NONE;
        }
        if (b >= 1e6) {
            return String.format(Locale.ROOT, "%.2f MB", b / 1e6);
        }
        return b >= 1e3 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3) : String.format(Locale.ROOT, "%.0f B", b);
    }

    /** Three significant figures. */
    public static String sig(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3g", v) : NONE;
    }

    public static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NONE;
    }

    /** Mean ± standard deviation with the given formatter applied to both. */
    public static String meanSd(double mean, double sd, java.util.function.DoubleFunction<String> f) {
        return Double.isFinite(sd) ? f.apply(mean) + " ± " + f.apply(sd) : f.apply(mean);
    }
}
