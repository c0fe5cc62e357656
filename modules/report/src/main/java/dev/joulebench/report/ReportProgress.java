package dev.joulebench.report;

/** Told how far a report has come, from whatever thread writes it (the app shows it, the CLI ignores it). */
@FunctionalInterface
public interface ReportProgress {
    ReportProgress NONE = (what, fraction) -> { };

    /** @param fraction 0..1 */
    void update(String what, double fraction);
}
