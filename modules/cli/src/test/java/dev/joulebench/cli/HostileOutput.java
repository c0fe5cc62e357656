package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks shared by the hostile-input tests (issue 13): what a refused or failed command may print (one
 * {@code error:} line, no stack trace, no exception class) and that a refusal left no run behind.
 */
final class HostileOutput {
    private HostileOutput() {}

    /** No stack-trace line and no exception class name anywhere in what the command printed. */
    static void assertNoTrace(String out, String err) {
        String all = out + "\n" + err;
        assertThat(all.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")))
                .as("stack trace lines in:\n%s", all).isEmpty();
        assertThat(all).as("exception text in:\n%s", all).doesNotContain("Exception");
    }

    static void assertNoTrace(InProcessCli.Result r) {
        assertNoTrace(r.out(), r.err());
    }

    /** The lines of {@code text} that start with {@code error:}. */
    static List<String> errorLines(String text) {
        return text.lines().filter(l -> l.startsWith("error:")).toList();
    }

    /** Exactly one {@code error:} line in out and err together, returned. */
    static String singleErrorLine(String out, String err) {
        List<String> lines = errorLines(out + "\n" + err);
        assertThat(lines).as("error lines in:\n%s\n%s", out, err).hasSize(1);
        return lines.get(0);
    }

    static String singleErrorLine(InProcessCli.Result r) {
        return singleErrorLine(r.out(), r.err());
    }

    /** {@code <workspace>/runs} is absent or holds no run directory: nothing was run. */
    static void assertNoRun(Path workspace) {
        Path runs = workspace.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            assertThat(dirs.toList()).as("run directories under %s", runs).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run directories under {@code <workspace>/runs}, sorted. */
    static List<Path> runDirs(Path workspace) {
        Path runs = workspace.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the command printed, for assertion messages. */
    static String shown(InProcessCli.Result r) {
        return "exit " + r.code() + "\n--- out\n" + r.out() + "--- err\n" + r.err();
    }
}
