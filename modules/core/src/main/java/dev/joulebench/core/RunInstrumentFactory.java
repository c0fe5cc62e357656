package dev.joulebench.core;

import dev.joulebench.core.spec.JobSpec;

/** Makes one fresh instrument per run; the command line and the app pass their settings in through it. */
@FunctionalInterface
public interface RunInstrumentFactory {
    RunInstrument create(JobSpec spec);
}
