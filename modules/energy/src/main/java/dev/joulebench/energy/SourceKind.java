package dev.joulebench.energy;

/** What draws the power. */
public enum SourceKind {
    CPU, GPU, RAM
}
