package dev.joulebench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The joulebench command line run in this process ({@link Main#run}), with what it prints captured. */
final class InProcessCli {
    /** The exit code and everything printed to stdout and stderr. */
    record Result(int code, String out, String err) {}

    private InProcessCli() {}

    /**
     * Runs {@code args} with {@code --workspace workspace} appended (nothing appended when workspace is
     * null, for commands that take no workspace), capturing System.out and System.err meanwhile.
     */
    static Result run(Path workspace, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (workspace != null) {
            all.add("--workspace");
            all.add(workspace.toString());
        }
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(all.toArray(String[]::new));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
