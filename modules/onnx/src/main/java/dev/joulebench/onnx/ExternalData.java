package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.StringStringEntryProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A tensor's values kept in a file beside the model (data_location EXTERNAL, keys {@code location},
 * {@code offset}, {@code length}), checked before a byte is read. The location comes from the model file, so
 * it is treated as hostile: it must name a regular file inside the model's folder once links are resolved
 * (a link to ~/.ssh/id_rsa is refused, not read), and the slice must lie inside that file. A named pipe is
 * refused before it is opened, since opening one blocks until someone writes to it.
 */
final class ExternalData {
    private ExternalData() {}

    /**
     * Where the data is.
     *
     * @param file   the file, links resolved
     * @param offset where the tensor's bytes start
     * @param length how many bytes from there belong to the tensor
     */
    record Slice(Path file, long offset, long length) {}

    /** The slice {@code t} names, checked; {@code what} names the tensor in messages. */
    static Slice locate(TensorProto t, String what, Path baseDir) {
        String location = null;
        Long offset = null;
        Long length = null;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = number(what, "offset", e.getValue());
                case "length" -> length = number(what, "length", e.getValue());
                default -> { }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new BadInputException(what + " keeps its data in an external file but names none");
        }
        String shown = printable(location);
        if (baseDir == null) {
            throw new BadInputException(what + " keeps its data in external file '" + shown
                    + "' and the model's folder is unknown");
        }
        Path relative;
        try {
            relative = Path.of(location);
        } catch (InvalidPathException e) {
            throw new BadInputException(what + " names external data '" + shown + "', which is not a file name");
        }
        if (relative.isAbsolute()) {
            throw new BadInputException(what + " names external data by an absolute path, '" + shown
                    + "'; ONNX external data is named relative to the model's folder");
        }
        Path dir = baseDir.toAbsolutePath().normalize();
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir)) {
            throw new BadInputException(what + " names external data outside the model's folder: " + shown);
        }
        Path real;
        Path realDir;
        try {
            realDir = dir.toRealPath();
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new BadInputException(what + " keeps its data in " + file + ", which does not exist");
        } catch (IOException e) {
            throw new BadInputException("Cannot resolve the external data file " + file + " of " + what + ": "
                    + e.getMessage());
        }
        if (!real.startsWith(realDir)) {
            throw new BadInputException(what + " keeps its data in " + file + ", a link to " + real
                    + ", outside the model's folder " + realDir + "; external data must lie inside that folder");
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new BadInputException("Cannot read the external data file " + file + " of " + what + ": "
                    + e.getMessage());
        }
        if (!attrs.isRegularFile()) {
            throw new BadInputException(what + " keeps its data in " + file + ", which is "
                    + ModelFiles.kind(real, attrs) + ", not a regular file");
        }
        long size = attrs.size();
        long from = offset == null ? 0 : offset;
        if (from > size) {
            throw new BadInputException(what + ": external data offset " + from + " is beyond the end of " + file
                    + " (" + size + " bytes)");
        }
        long bytes = length == null ? size - from : length;
        if (bytes > size - from) {
            throw new BadInputException(what + ": external data offset " + from + " + length " + bytes
                    + " go beyond the end of " + file + " (" + size + " bytes)");
        }
        return new Slice(real, from, bytes);
    }

    /**
     * Why {@code t}'s external data cannot be read, or null: {@link #locate}'s checks plus whether the slice
     * holds as many bytes as the dims declare. For {@link OnnxModel#read}, so a bad reference is refused
     * before ONNX Runtime, which follows links itself, is given the file.
     */
    static String problem(TensorProto t, String what, Path baseDir) {
        try {
            Slice s = locate(t, what, baseDir);
            long need = Tensors.count(t) * ElementType.bytes(t.getDataType());
            if (need > s.length()) {
                return what + " declares dims " + t.getDimsList() + " (" + need + " bytes) but its external data in "
                        + s.file() + " has " + s.length() + " bytes from offset " + s.offset();
            }
            return null;
        } catch (BadInputException e) {
            return e.getMessage();
        }
    }

    /** The first {@code need} bytes of the tensor's slice. */
    static ByteBuffer read(TensorProto t, String what, Path baseDir, long need) {
        Slice s = locate(t, what, baseDir);
        if (need > s.length()) {
            throw new BadInputException(what + " needs " + need + " bytes of external data but " + s.file()
                    + " has " + s.length() + " from offset " + s.offset());
        }
        if (need > Tensors.MAX_VALUES) {
            throw new BadInputException(what + " has " + need + " bytes of external data, more than Joulebench reads"
                    + " into memory for one tensor");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) need);
        // NOFOLLOW: the path was resolved above; a link put in its place since then is not followed.
        try (FileChannel ch = FileChannel.open(s.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long position = s.offset();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, position);
                if (n < 0) {
                    throw new BadInputException(s.file() + " ended after " + (position - s.offset()) + " of the "
                            + need + " bytes of " + what + " (was it changed while being read?)");
                }
                position += n;
            }
        } catch (IOException e) {
            throw new BadInputException("Cannot read external data of " + what + " from " + s.file() + ": "
                    + e.getMessage(), e);
        }
        return buf.flip();
    }

    private static long number(String what, String key, String value) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(what + ": external data " + key + " '" + printable(value) + "' is not a number");
        }
        if (v < 0) {
            throw new BadInputException(what + ": external data " + key + " " + v + " is negative");
        }
        return v;
    }

    /** {@code s} with control characters shown as '?', so a hostile location cannot drive the terminal. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        s.codePoints().limit(200).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.length() > 200 ? b + "..." : b.toString();
    }
}
