package dev.joulebench.app.jobs;

/** Where the app's one running job is: none, being set up, running, asked to stop. */
public enum JobState {
    IDLE, STARTING, RUNNING, CANCELLING;

    public boolean busy() {
        return this != IDLE;
    }
}
