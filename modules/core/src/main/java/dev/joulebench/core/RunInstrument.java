package dev.joulebench.core;

import java.util.Map;

/**
 * Something that watches a whole run from outside the job, such as the energy meter: started
 * before the job, told when the job changes phase, stopped after it ends whatever the outcome, and
 * its report written into run.json. A job never knows which instruments are attached.
 */
public interface RunInstrument {
    /** Starts watching; runs on the job's thread just before the job. */
    void start(JobContext ctx) throws Exception;

    /** The job entered a phase (e.g. train, eval) at {@code t} seconds since the run started. */
    default void phase(String phase, double t) {}

    /** Stops watching and reports; called after the job ended, also when it failed or was cancelled. */
    Report stop(JobContext ctx);

    /**
     * @param section key of the report in run.json's {@code reports}
     * @param detail  any Jackson-serialisable value
     * @param summary numbers added to the run's summary (e.g. {@code energy/kwh})
     */
    record Report(String section, Object detail, Map<String, Double> summary) {}
}
