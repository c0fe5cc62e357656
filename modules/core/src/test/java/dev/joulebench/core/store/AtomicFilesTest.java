package dev.joulebench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("run.json");
        Files.writeString(target, "old");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(names()).containsExactly("run.json");
    }

    @Test
    void aFullDiskMidWriteDeletesTheTempFileKeepsTheOldContentAndSaysWhy() throws IOException {
        Path target = dir.resolve("weights-e0001.params");
        Files.writeString(target, "epoch 0");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]);
            out.flush();
            throw new FileSystemException(null, null, "No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + target + ": no space left on device (")
                .hasMessageContaining(" free of ")
                .hasMessageContaining("on the file system of " + dir);
        assertThat(Files.readString(target)).isEqualTo("epoch 0");
        assertThat(names()).containsExactly("weights-e0001.params");
    }

    @Test
    void aWriterThatThrowsUncheckedAlsoLeavesNoTempFile() throws IOException {
        Path target = dir.resolve("summary.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(1);
            throw new IllegalStateException("serialiser broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("serialiser broke");
        assertThat(names()).isEmpty();
    }

    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("missing/run.json");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
                .hasMessage("cannot write " + target + ": no such file or directory (the folder " + dir.resolve("missing")
                        + " does not exist)");
    }

    @Test
    void describeGivesTheOsReasonNotTheExceptionClass() {
        assertThat(FileErrors.describe(new java.io.UncheckedIOException("Cannot list /w/runs",
                new java.nio.file.AccessDeniedException("/w/runs")))).isEqualTo("Cannot list /w/runs: permission denied");
        assertThat(FileErrors.describe(new NoSuchFileException("/tmp/x.json"))).isEqualTo(
                "cannot access /tmp/x.json: no such file or directory");
        assertThat(FileErrors.describe(new java.io.EOFException())).isEqualTo("EOFException");
        assertThat(FileErrors.isDiskFull(new IOException("wrapped", new IOException("Disk quota exceeded")))).isTrue();
        assertThat(FileErrors.isDiskFull(new IOException("Input/output error"))).isFalse();
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
