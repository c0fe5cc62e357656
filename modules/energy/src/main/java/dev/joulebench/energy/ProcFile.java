package dev.joulebench.energy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A /proc or /sys text file read again and again through one open descriptor (positional reads
 * from offset 0 make the kernel regenerate it). Opening a file through NIO on every 10 Hz sample
 * cost more CPU than the sampler's whole budget while that code is still interpreted.
 * Not thread-safe: one sensor, one sampler thread.
 */
public final class ProcFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(8192);

    public ProcFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** The whole current content, as Latin-1 (the kernel writes ASCII). */
    public String read() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        buffer.clear();
        long position = 0;
        while (true) {
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
            if (!buffer.hasRemaining()) {
                ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written; a failed close of a read-only /proc descriptor loses nothing
            }
            channel = null;
        }
    }
}
