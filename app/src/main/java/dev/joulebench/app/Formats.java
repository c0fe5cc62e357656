package dev.joulebench.app;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the app shows numbers and times (tables, status bar); exports use full precision instead. */
public final class Formats {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Formats() {}

    public static String percent(Double fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** Three significant digits in scientific notation: kWh of short runs are 1e-6 and smaller. */
    public static String sci(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.3g", value);
    }

    public static String seconds(Double s) {
        return s == null ? "" : String.format(Locale.ROOT, "%.1f s", s);
    }

    public static String count(Double n) {
        return n == null ? "" : String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    public static String date(Instant t) {
        return t == null ? "" : DATE.format(t);
    }
}
