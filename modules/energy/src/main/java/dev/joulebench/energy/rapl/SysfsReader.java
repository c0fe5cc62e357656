package dev.joulebench.energy.rapl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one sysfs attribute. A seam for tests: they run as root, where file permissions do not
 * stop a read, so the root-only {@code energy_uj} case is simulated by a reader that throws
 * {@link java.nio.file.AccessDeniedException}, as the real read does for other users.
 */
@FunctionalInterface
interface SysfsReader {
    SysfsReader FILES = p -> Files.readString(p);

    String read(Path file) throws IOException;

    /** The attribute's value as a long (sysfs writes one number and a newline). */
    default long readLong(Path file) throws IOException {
        String s = read(file).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": not a number: '" + s + "'", e);
        }
    }
}
