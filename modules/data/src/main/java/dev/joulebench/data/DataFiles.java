package dev.joulebench.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening and bulk-reading data files, shared by the IDX and CIFAR readers. */
final class DataFiles {
    private static final int BUFFER = 1 << 16;
    /** Initial buffer for large reads: a corrupt header must not make us allocate gigabytes up front. */
    private static final int FIRST_CHUNK = 1 << 24;

    private DataFiles() {
    }

    /**
     * Opens a file, transparently un-gzipping it when it starts with the gzip magic 1f 8b. The name
     * is not trusted: downloads are often renamed, or decompressed by a browser but keep ".gz".
     */
    static InputStream open(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new DatasetNotFoundException(what + " not found: " + file, List.of(file));
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a directory, expected the " + what);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (ZipException | EOFException e) {
            raw.close();
            throw corruptGzip(file, e);
        } catch (Throwable t) {
            raw.close();
            throw t;
        }
    }

    static DataFormatException corruptGzip(Path file, Exception cause) {
        return new DataFormatException(file + ": corrupt or truncated gzip data (" + cause.getMessage()
                + "); download the file again", cause);
    }

    /**
     * Reads up to n bytes, fewer only at end of stream. The buffer grows as data arrives, so a header
     * that claims more data than the file has costs memory in proportion to the file, not the claim.
     */
    static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[Math.min(n, FIRST_CHUNK)];
        int filled = 0;
        while (filled < n) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(n, 2L * buffer.length));
            }
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }
}
