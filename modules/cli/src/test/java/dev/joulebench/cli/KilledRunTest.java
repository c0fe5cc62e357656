package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real training run in a child JVM, killed with SIGKILL mid-run: what it appended is whole (every line of
 * metrics.jsonl and power.csv is complete: each is written by one flush of one line), and the run reads
 * as interrupted, through the store and through {@code joulebench runs list / show}.
 */
@Timeout(300)
class KilledRunTest {
    /** Overall bound on waiting for the child to have recorded something: generous, for a loaded machine. */
    private static final long WAIT_MILLIS = 240_000;

    @TempDir
    Path tmp;

    @Test
    void aRunKilledWithSigkillKeepsWholeLinesAndReadsInterrupted() throws Exception {
        assumeThat(System.getProperty("os.name")).as("SIGKILL through destroyForcibly").startsWith("Linux");
        Path workspace = tmp.resolve("workspace");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(childCommand(workspace)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Path runDir;
        try {
            runDir = awaitRecording(child, workspace, log);
            RunRecord live = new RunStore(workspace).load(runDir.getFileName().toString());
            assertThat(live.pid()).isEqualTo(child.pid());
            assertThat(live.effectiveStatus()).as("alive before the kill").isEqualTo(RunStatus.RUNNING);
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally, no flush
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended after SIGKILL").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);

        // every line complete and parseable
        List<JsonNode> metrics = jsonLines(runDir.resolve(RunDirectory.METRICS));
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode m : metrics) {
            assertThat(m.fieldNames()).toIterable().containsExactly("t", "step", "epoch", "name", "value");
            assertThat(m.get("name").asText()).isNotBlank();
        }
        List<String[]> power = csvRows(runDir.resolve("power.csv"));
        assertThat(power).hasSizeGreaterThanOrEqualTo(10);

        // the record still says running; the dead pid makes it interrupted everywhere it is shown
        String id = runDir.getFileName().toString();
        RunStore store = new RunStore(workspace);
        RunRecord r = store.load(id);
        assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(r.pidStartedAt()).isNotNull();
        assertThat(r.effectiveStatus()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.list()).singleElement().satisfies(x -> assertThat(x.effectiveStatus())
                .isEqualTo(RunStatus.INTERRUPTED));

        Result list = InProcessCli.run(workspace, "runs", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines().filter(l -> l.startsWith(id)).findFirst().orElseThrow())
                .contains(" interrupted ");
        Result show = InProcessCli.run(workspace, "runs", "show", id);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("status    interrupted").contains(RunDirectory.METRICS)
                .contains("(" + metrics.size() + " points)");
    }

    /** {@code java -cp <this JVM's class path> dev.joulebench.cli.Main train ...} on the shipped samples. */
    private static List<String> childCommand(Path workspace) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        for (String p : List.of("joulebench.home", "ai.djl.offline")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.add(Main.class.getName());
        // far more epochs than the test waits for: the run is surely still going when it is killed
        cmd.addAll(List.of("train", "--dataset", "samples", "--model", "mlp:784-32-10", "--epochs", "1000",
                "--limit-train", "2000", "--batch", "32", "--spectra-every", "0", "--device", "cpu", "--threads", "1",
                "--workspace", workspace.toString()));
        return cmd;
    }

    /** Polls until the child's run has at least 5 metric lines and 10 power rows; its run directory. */
    private static Path awaitRecording(Process child, Path workspace, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        Path runs = workspace.resolve("runs");
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                fail("the child run ended before it was killed (exit " + child.exitValue() + "):\n" + tail(log));
            }
            Path dir = onlyRun(runs);
            if (dir != null && lines(dir.resolve(RunDirectory.METRICS)) >= 5 && lines(dir.resolve("power.csv")) >= 11) {
                return dir;
            }
            child.waitFor(100, TimeUnit.MILLISECONDS); // poll interval; returns at once if the child exits
        }
        fail("no metrics and power rows after " + WAIT_MILLIS / 1000 + " s:\n" + tail(log));
        return null;
    }

    private static Path onlyRun(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(RunDirectory.RUN_JSON))).findFirst().orElse(null);
        }
    }

    private static long lines(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        long n = 0;
        for (byte b : bytes) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    /** The file's lines, after checking that it ends with a newline (a torn last line would not). */
    private static List<String> wholeLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as(file.getFileName() + " is not empty and its last line is complete").isNotEmpty()
                .endsWith("\n");
        return text.lines().toList();
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : wholeLines(file)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    /** The data rows of power.csv, each as wide as the header, every cell empty or a number. */
    private static List<String[]> csvRows(Path file) throws IOException {
        List<String> lines = wholeLines(file);
        String[] header = lines.get(0).split(",", -1);
        assertThat(header[0]).isEqualTo("t");
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as("row '%s'", line).hasSameSizeAs(header);
            for (String c : cells) {
                if (!c.isEmpty()) {
                    assertThat(Double.parseDouble(c)).as("cell '%s' of '%s'", c, line).isFinite();
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no output)";
        }
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }
}
