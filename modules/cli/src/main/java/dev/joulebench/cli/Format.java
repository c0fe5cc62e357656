package dev.joulebench.cli;

import java.util.Locale;

final class Format {
    private Format() {}

    /** Whole numbers without decimals, others with four significant decimals. */
    static String number(Double v) {
        if (v == null || v.isNaN()) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", v.longValue());
        }
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v); // energy of short runs: kWh in the micro range
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
