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

    @Option(names = "--memory-limit", paramLabel = "SIZE|off",
            description = "Memory a run may use, e.g. 8g (default: what is available now: MemAvailable, or the cgroup's "
                    + "limit). A run whose estimated peak is larger is refused before it starts; off skips the check.")
    String memoryLimit;

    /** This machine's resources, with --memory-limit applied. */
    dev.joulebench.core.MachineResources resources() {
        var detected = dev.joulebench.core.MachineResources.detect();
        if (memoryLimit == null) {
            return detected;
        }
        try {
            return detected.withMemoryLimit(dev.joulebench.core.MachineResources.parseSize(memoryLimit),
                    "--memory-limit " + memoryLimit);
        } catch (dev.joulebench.core.BadInputException e) {
            throw new dev.joulebench.core.BadInputException("--memory-limit: " + e.getMessage());
        }
    }

    /** The workspace; an empty {@code --workspace=} is bad input, not the current directory. */
    Path workspace() {
        if (workspace != null && workspace.toString().isBlank()) {
            throw new dev.joulebench.core.BadInputException("--workspace is empty; give a folder (it is made if missing), "
                    + "or leave the option out for $JOULEBENCH_WORKSPACE or ~/joulebench");
        }
        return workspace != null ? workspace : Workspace.defaultPath();
    }
}
