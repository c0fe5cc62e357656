package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM during a real training run in a child JVM (issue 13, documented in 0b86d2c): the shutdown
 * hook cancels the run, run.json ends "cancelled", and the process exits with the JVM's 128 + signal, 130
 * and 143, which --help documents. Every wait is bounded, so a hung child fails the test instead of hanging it.
 */
@Timeout(300)
class SignalExitCodeTest {
    /** Bound on the child reaching its first metric line, and on its exit after the signal. */
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path tmp;

    @Test
    void sigintCancelsTheRunAndExits130() throws Exception {
        signalledRun("INT", 130);
    }

    @Test
    void sigtermCancelsTheRunAndExits143() throws Exception {
        signalledRun("TERM", 143);
    }

    @Test
    void helpDocumentsTheSignalExitCodes() {
        Result help = InProcessCli.run(null, "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("130").contains("143").contains("SIGINT").contains("SIGTERM");
    }

    private void signalledRun(String signal, int expectedCode) throws Exception {
        Assumptions.assumeThat(System.getProperty("os.name")).as("POSIX signals through kill").startsWith("Linux");
        Path workspace = tmp.resolve("workspace-" + signal);
        // far more work than the test waits for (about a minute on 2 cores): surely still training at the signal
        List<String> args = List.of("train", "--dataset", "samples", "--model", "mlp:784-512-512-10", "--epochs", "50",
                "--device", "cpu", "--threads", "1", "--no-energy", "--spectra-every", "0", "--workspace",
                workspace.toString());
        Path logs = tmp.resolve("child-" + signal);
        Process child = HostileJvm.start(logs, HostileJvm.command(defaultSignalsPrefix(), List.of(), args));
        try {
            Path runDir = awaitFirstMetric(child, workspace, logs);
            ProcessBuilder kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid()))
                    .redirectErrorStream(true);
            Process k = kill.start();
            assertThat(k.waitFor(10, TimeUnit.SECONDS)).as("kill returned").isTrue();
            assertThat(k.exitValue()).as("kill -%s %d", signal, child.pid()).isZero();
            if (!child.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                fail("the child did not exit within " + WAIT_SECONDS + " s of SIG" + signal + ":\n"
                        + HostileJvm.exit(logs, -1).shown());
            }
            HostileJvm.Exit exit = HostileJvm.exit(logs, child.exitValue());
            assertThat(exit.code()).as(exit.shown()).isEqualTo(expectedCode);
            JsonNode rec = Json.mapper().readTree(Files.readString(runDir.resolve(RunDirectory.RUN_JSON)));
            assertThat(rec.get("status").asText()).as(exit.shown()).isEqualTo("cancelled");
            assertThat(exit.out() + exit.err()).contains("cancelling " + runDir.getFileName());
            HostileOutput.assertNoTrace(exit.out(), exit.err());
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * A JVM that starts with SIGINT ignored (a background job of a non-interactive shell: {@code mvn test &} in
     * a script) never installs its handler, so Ctrl-C could not reach the child; {@code env --default-signal}
     * gives the child the default disposition a terminal's foreground process has.
     */
    private static List<String> defaultSignalsPrefix() throws IOException, InterruptedException {
        if (!sigintIgnoredHere()) {
            return List.of();
        }
        HostileJvm.Exit probe = HostileJvm.tool(10, "env", "--default-signal=INT", "true");
        Assumptions.assumeThat(probe.code()).as("SIGINT is ignored in this process and env --default-signal is not "
                + "available to reset it for the child: %s", probe.out()).isZero();
        return List.of("env", "--default-signal=INT");
    }

    /** Bit 2 (SIGINT) of SigIgn in /proc/self/status: inherited as ignored by every child. */
    private static boolean sigintIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    /** Polls until the child's run.json exists and metrics.jsonl has a whole line; the run directory. */
    private static Path awaitFirstMetric(Process child, Path workspace, Path logs) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Path runs = workspace.resolve("runs");
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                fail("the child ended before it was signalled:\n" + HostileJvm.exit(logs, child.exitValue()).shown());
            }
            Path dir = runWithMetric(runs);
            if (dir != null) {
                return dir;
            }
            child.waitFor(100, TimeUnit.MILLISECONDS);
        }
        fail("no run.json and metric line after " + WAIT_SECONDS + " s:\n" + HostileJvm.exit(logs, -1).shown());
        return null;
    }

    private static Path runWithMetric(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = new ArrayList<>(s.toList());
        }
        for (Path d : dirs) {
            Path metrics = d.resolve(RunDirectory.METRICS);
            if (Files.isRegularFile(d.resolve(RunDirectory.RUN_JSON)) && Files.isRegularFile(metrics)
                    && Files.readString(metrics).contains("\n")) {
                return d;
            }
        }
        return null;
    }
}
