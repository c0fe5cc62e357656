package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Workspace;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the {@code joulebench} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Parses and runs a command line; returns the exit code (0 ok, 1 job failed, 2 bad input). */
    public static int run(String... args) {
        configureLogging(args);
        CommandLine cli = new CommandLine(new JoulebenchCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", ex);
            cmd.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return ExitCodes.JOB_FAILED;
        });
        return cli.execute(args);
    }

    /**
     * Points the log file at {@code <workspace>/logs} before the first logger exists; the workspace
     * comes from --workspace if given (picocli has not parsed yet, so look for it directly).
     */
    static void configureLogging(String[] args) {
        Path workspace = Workspace.defaultPath();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--workspace") && i + 1 < args.length) {
                workspace = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--workspace=")) {
                workspace = Path.of(args[i].substring("--workspace=".length()));
            }
        }
        System.setProperty("joulebench.log.dir", workspace.toAbsolutePath().resolve("logs").toString());
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
