package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Workspace;
import dev.joulebench.core.store.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the {@code joulebench} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // a failure on a thread nobody joins (a sampler, a listener) goes to the log, not as a trace to the terminal
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> org.slf4j.LoggerFactory.getLogger(Main.class)
                .error("uncaught on thread {}", t.getName(), e));
        System.exit(run(args));
    }

    /**
     * Parses and runs a command line; returns the exit code (0 ok, 1 job failed, 2 bad input). Every expected
     * error reaches the terminal as one {@code error:} line; its stack trace goes to the log file only.
     */
    public static int run(String... args) {
        configureLogging(args);
        CommandLine cli = new CommandLine(new JoulebenchCommand());
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException) {
                cmd.getErr().println("error: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", ex);
            cmd.getErr().println("error: " + FileErrors.describe(ex));
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
        System.setProperty("joulebench.log.dir", logDir(workspace).toString());
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * {@code <workspace>/logs}, or where that cannot be written (a read-only or full workspace, an empty
     * {@code --workspace=}, which the command itself refuses) a folder under the temp directory, so the
     * logger never fills the terminal with its own complaints.
     */
    static Path logDir(Path workspace) {
        if (!workspace.toString().isEmpty()) {
            Path logs = workspace.toAbsolutePath().resolve("logs");
            try {
                Files.createDirectories(logs);
                Path log = logs.resolve("joulebench.log");
                if (Files.isWritable(logs) && (!Files.exists(log) || Files.isWritable(log))) {
                    return logs;
                }
            } catch (IOException | SecurityException e) {
                // fall through to the temp folder
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "joulebench-" + System.getProperty("user.name", "user"),
                "logs").toAbsolutePath();
    }
}
