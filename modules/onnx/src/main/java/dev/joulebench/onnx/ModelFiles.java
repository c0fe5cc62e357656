package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reading a model file, which must be a regular file: a named pipe would block the reader, /dev/zero never ends. */
final class ModelFiles {
    /** Protobuf's limit for one message (and so for an .onnx file without external data). */
    static final long MAX_MODEL_BYTES = Integer.MAX_VALUE;

    private ModelFiles() {}

    /** The bytes of {@code file} (a link to a model elsewhere is fine; only external data is confined). */
    static byte[] read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BadInputException("ONNX model " + file + " does not exist; give the path of an .onnx file");
        } catch (IOException e) {
            throw new BadInputException("Cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
        if (!attrs.isRegularFile()) {
            throw new BadInputException("ONNX model " + file + " is " + kind(file, attrs)
                    + ", not a regular file; give the path of an .onnx file");
        }
        if (attrs.size() > MAX_MODEL_BYTES) {
            throw new BadInputException("ONNX model " + file + " is " + attrs.size() + " bytes, more than the 2 GiB a"
                    + " protobuf file can hold (models that big keep their weights in external data files)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("ONNX model " + file + " does not exist; give the path of an .onnx file");
        } catch (IOException | OutOfMemoryError e) {
            // OutOfMemoryError: a file that grew past the check above, or a heap smaller than the model.
            throw new BadInputException("Cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /** What a file that is not a regular one is (links followed), in words: "a named pipe (FIFO)", "a directory"... */
    static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        try {
            // The "unix" view is in the JDKs of Linux and macOS; its st_mode tells a pipe from a device.
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & 0170000) {
                case 0010000: return "a named pipe (FIFO)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | RuntimeException e) {
            // No unix view (Windows): the generic words below do.
        }
        return "a special file (a pipe, socket or device)";
    }
}
