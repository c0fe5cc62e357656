package dev.joulebench.app.jobs;

import dev.joulebench.core.event.RunEvent;
import java.util.Locale;

/**
 * The latest progress of a run, as the status bar shows it.
 *
 * @param fraction done/total of the current phase in [0, 1], or -1 when unknown
 */
public record RunProgress(String phase, double fraction, String text) {
    public static final RunProgress NONE = new RunProgress("", -1, "");

    public static RunProgress of(RunEvent.Progress p) {
        double f = p.total() > 0 ? Math.min(1.0, Math.max(0.0, (double) p.done() / p.total())) : -1;
        String text = p.message() != null && !p.message().isBlank() ? p.message()
                : String.format(Locale.ROOT, "%s %d/%d", p.phase(), p.done(), p.total());
        return new RunProgress(p.phase(), f, text);
    }
}
