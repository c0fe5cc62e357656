package dev.joulebench.cli;

import static dev.joulebench.cli.HostileOutput.assertNoTrace;
import static dev.joulebench.cli.HostileOutput.singleErrorLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose workspace fills up (issue 13, fixed in 7f0568d): a 2 MiB tmpfs holds one checkpoint of
 * mlp:784-600-10 (1.9 MB of weights) but not the next. The run fails with one line saying what could not be
 * written, why, and how much room is left; no temp file stays behind; and run.json, rewritten in place when
 * even its temp file finds no room, still records the failure and its reason.
 *
 * <p>Needs root (or CAP_SYS_ADMIN) to mount the tmpfs; elsewhere it is skipped, saying why. The CLI runs in a
 * child JVM so its log file, too, lives on the full disk, as a user's would.
 */
@Timeout(300)
class FullDiskTest {
    @TempDir
    Path tmp;

    private Path mountPoint;

    @AfterEach
    void unmount() {
        if (mountPoint != null) {
            HostileJvm.Exit u = HostileJvm.tool(60, "umount", mountPoint.toString());
            if (u.code() != 0) {
                // busy (a child still closing its files): detach it lazily rather than leave it mounted
                HostileJvm.tool(60, "umount", "-l", mountPoint.toString());
            }
            mountPoint = null;
        }
    }

    /** Mounts a tmpfs of the given size on a fresh folder, or aborts the test saying why it cannot. */
    private Path mountTmpfs(String size) throws Exception {
        Assumptions.assumeThat(System.getProperty("os.name")).as("tmpfs is Linux").startsWith("Linux");
        Assumptions.assumeThat(HostileJvm.isRoot()).as("mounting a tmpfs needs root").isTrue();
        Path dir = Files.createDirectories(tmp.resolve("full-disk"));
        HostileJvm.Exit m = HostileJvm.tool(60, "mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        if (m.code() != 0) {
            org.junit.jupiter.api.Assumptions.abort("cannot mount a tmpfs on " + dir + " (exit " + m.code() + "): " + m.out().strip()
                    + m.err());
        }
        mountPoint = dir;
        return dir;
    }

    @Test
    void aFullDiskFailsTheRunInOneLineLeavesNoTempFileAndRecordsWhy() throws Exception {
        Path workspace = mountTmpfs("2m");
        List<String> cmd = HostileJvm.command(List.of(), List.of(), List.of("train", "--dataset", "samples", "--model",
                "mlp:784-600-10", "--epochs", "2", "--limit-train", "200", "--device", "cpu", "--threads", "1",
                "--no-energy", "--workspace", workspace.toString()));
        HostileJvm.Exit r = HostileJvm.run(tmp.resolve("child"), 240, cmd);

        assertThat(r.code()).as(r.shown()).isEqualTo(1);
        String line = singleErrorLine(r.out(), r.err());
        assertThat(line).as(r.shown())
                .matches("error: cannot write " + java.util.regex.Pattern.quote(workspace.toString())
                        + "/.+: no space left on device \\(.+ free of .+\\)");
        assertNoTrace(r.out(), r.err());

        try (Stream<Path> files = Files.walk(workspace)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")))
                    .as("temp files left on the full disk").isEmpty();
        }

        Path runs = workspace.resolve("runs");
        Path runJson;
        try (Stream<Path> dirs = Files.list(runs)) {
            runJson = dirs.map(d -> d.resolve("run.json")).filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        JsonNode rec = Json.mapper().readTree(Files.readString(runJson));
        assertThat(rec.get("status").asText()).as(rec.toString()).isEqualTo("failed");
        assertThat(rec.get("error").asText()).contains("no space left on device");
    }
}
