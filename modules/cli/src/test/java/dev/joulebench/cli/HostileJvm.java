package dev.joulebench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a child JVM, as a user starts it (as {@link KilledRunTest} does): {@code java -cp <this JVM's class
 * path> dev.joulebench.cli.Main ARGS}, optionally behind a prefix ({@code setpriv ...}, {@code env ...}), with
 * stdout and stderr kept apart in files. Logging is configured afresh there, so what logback prints is seen.
 */
final class HostileJvm {
    /** The exit code and what the child printed on each stream. */
    record Exit(int code, String out, String err) {
        String shown() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private HostileJvm() {}

    /** {@code prefix... java [jvmOptions] -cp CP Main args}. */
    static List<String> command(List<String> prefix, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        for (String p : List.of("joulebench.home", "ai.djl.offline")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the command with stdout to {@code dir/out.txt} and stderr to {@code dir/err.txt}. */
    static Process start(Path dir, List<String> cmd) throws IOException {
        Files.createDirectories(dir);
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    /** Runs the command to its end (killed after {@code timeoutSeconds}: then the code is -1). */
    static Exit run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException, InterruptedException {
        Process p = start(dir, cmd);
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                return new Exit(-1, read(dir.resolve("out.txt")), read(dir.resolve("err.txt")) + "\n(killed after "
                        + timeoutSeconds + " s)");
            }
        } finally {
            p.destroyForcibly();
        }
        return exit(dir, p.exitValue());
    }

    /** What a child started by {@link #start} printed, with its exit code. */
    static Exit exit(Path dir, int code) throws IOException {
        return new Exit(code, read(dir.resolve("out.txt")), read(dir.resolve("err.txt")));
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** True when this process runs as root (uid 0), which ignores file permissions. */
    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall back to the name
        }
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a small helper command (mount, setpriv probe); its exit code and merged output. */
    static Exit tool(long timeoutSeconds, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!done) {
                p.destroyForcibly();
                return new Exit(-1, out, "timed out");
            }
            return new Exit(p.exitValue(), out, "");
        } catch (IOException e) {
            return new Exit(-1, "", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exit(-1, "", "interrupted");
        }
    }
}
