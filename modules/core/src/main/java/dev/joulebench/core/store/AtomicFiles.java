package dev.joulebench.core.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file atomically: the content goes to {@code NAME.tmp} beside it, which is renamed over the
 * target only once complete, so a reader or a kill never sees half a file. Whatever fails (a full disk, the
 * writer's own exception) deletes the temp file, leaves the target as it was, and is rethrown; an I/O error
 * comes back as one line saying what, where and why ({@link FileErrors}).
 */
public final class AtomicFiles {
    /** Writes the new content; the stream is buffered and closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** Text as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes), false);
    }

    public static void write(Path target, Content content) throws IOException {
        write(target, content, false);
    }

    /** @param sync force the bytes to the device before the rename (run.json: the record of a run survives a crash) */
    public static void write(Path target, Content content, boolean sync) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                if (sync) {
                    ch.force(true);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw FileErrors.explained("write", target, e);
        } catch (RuntimeException | Error e) { // NOPMD: the temp file goes whatever stopped the writer
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
