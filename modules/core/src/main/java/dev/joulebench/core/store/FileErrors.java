package dev.joulebench.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One clear line for a file-system error: what was being done, on which file, why (the OS's reason, not an
 * exception class), and for a full disk how much space is left there. The CLI prints it, run.json records it.
 */
public final class FileErrors {
    private FileErrors() {}

    /** E.g. "cannot write /w/runs/x/run.json: no space left on device (0 B free on the file system of /w/runs/x)". */
    public static String describe(String verb, Path file, IOException e) {
        String reason = reason(e);
        StringBuilder line = new StringBuilder("cannot ").append(verb).append(' ').append(file).append(": ").append(reason);
        if (isDiskFull(e)) {
            freeSpace(file).ifPresent(free -> line.append(" (").append(free).append(')'));
        } else if (e instanceof NoSuchFileException && file.toAbsolutePath().getParent() != null
                && !Files.isDirectory(file.toAbsolutePath().getParent())) {
            line.append(" (the folder ").append(file.toAbsolutePath().getParent()).append(" does not exist)");
        }
        return line.toString();
    }

    /**
     * The line for any failure, I/O or not: an explained error as it is; an unchecked wrapper's context
     * ("Cannot write X") with the OS's reason; a file-system error with its file; else the message.
     */
    public static String describe(Throwable t) {
        IOException io = t instanceof UncheckedIOException u ? u.getCause() : t instanceof IOException i ? i : null;
        if (io == null || io instanceof ExplainedIOException) {
            return message(io == null ? t : io);
        }
        String context = t instanceof UncheckedIOException u && u.getMessage() != null
                && !u.getMessage().equals(io.toString()) ? u.getMessage() : null;
        if (context != null) {
            return context.contains(reason(io)) ? context : context + ": " + reason(io);
        }
        if (io instanceof FileSystemException fse && fse.getFile() != null) {
            return describe("access", Path.of(fse.getFile()), io);
        }
        return message(io);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** True when the error is the file system running out of space (ENOSPC or a quota). */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left") || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An I/O error whose message already says what failed, where and why (made by {@link #explained}). */
    public static final class ExplainedIOException extends IOException {
        private static final long serialVersionUID = 1L;

        ExplainedIOException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** Wraps an I/O error in one whose message is {@link #describe(String, Path, IOException)}. */
    public static IOException explained(String verb, Path file, IOException e) {
        return e instanceof ExplainedIOException ? e : new ExplainedIOException(describe(verb, file, e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof ExplainedIOException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return lowerFirst(fse.getReason());
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : lowerFirst(m);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || s.length() > 1 && Character.isUpperCase(s.charAt(1)) ? s
                : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** "12 KiB free of 2.0 MiB on the file system of DIR", for the nearest existing folder. */
    private static java.util.Optional<String> freeSpace(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        while (dir != null && !Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return java.util.Optional.empty();
        }
        try {
            var store = Files.getFileStore(dir);
            return java.util.Optional.of(dev.joulebench.core.MachineResources.bytes(store.getUsableSpace()) + " free of " + dev.joulebench.core.MachineResources.bytes(store.getTotalSpace())
                    + " on the file system of " + dir);
        } catch (IOException ignored) {
            return java.util.Optional.empty();
        }
    }
}
