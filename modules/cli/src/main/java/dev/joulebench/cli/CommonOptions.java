package dev.joulebench.cli;

import dev.joulebench.core.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every job command shares (DESIGN.md, "The command line"). */
public final class CommonOptions {
    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Workspace holding runs/ and logs/ (default: $JOULEBENCH_WORKSPACE or ~/joulebench).")
    Path workspace;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation, split and shuffling (default 42).")
    Long seed;

    @Option(names = "--device", paramLabel = "DEV", description = "auto, cpu, gpu or gpu:N (default auto).")
    String device;

    @Option(names = "--json", description = "Machine-readable output on stdout (progress goes to stderr).")
    boolean json;

    Path workspace() {
        return workspace != null ? workspace : Workspace.defaultPath();
    }
}
