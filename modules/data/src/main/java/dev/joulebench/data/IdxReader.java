package dev.joulebench.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (unsigned-byte images and labels), plain or
 * gzip'd. Every inconsistency is reported with the file and the expected value, because a
 * half-downloaded or mismatched file is the usual reason a dataset fails to load.
 */
public final class IdxReader {
    /** Unsigned bytes (type 0x08), one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Unsigned bytes (type 0x08), three dimensions: count, rows, cols. */
    public static final int IMAGES_MAGIC = 0x00000803;

    private IdxReader() {
    }

    /** Images of one IDX file, row-major count×rows×cols unsigned bytes. */
    public record IdxImages(int count, int rows, int cols, byte[] pixels) {
        public IdxImages {
            Objects.requireNonNull(pixels, "pixels");
            if ((long) count * rows * cols != pixels.length) {
                throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                        + count + "*" + rows + "*" + cols);
            }
        }

        @Override
        public String toString() {
            return "IdxImages[count=" + count + ", rows=" + rows + ", cols=" + cols + "]";
        }
    }

    public static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = DataFiles.open(file, "IDX labels file")) {
            byte[] header = DataFiles.readUpTo(in, 8);
            if (header.length < 8) {
                throw new DataFormatException(file + ": truncated: " + header.length
                        + " bytes, shorter than the 8-byte IDX labels header");
            }
            checkMagic(file, intAt(header, 0), LABELS_MAGIC, "labels");
            int count = intAt(header, 4);
            if (count < 0) {
                throw new DataFormatException(file + ": header declares " + Integer.toUnsignedString(count)
                        + " labels, more than Java arrays hold; the header is corrupt");
            }
            byte[] labels = DataFiles.readUpTo(in, count);
            if (labels.length < count) {
                throw new DataFormatException(file + ": truncated: header declares " + count
                        + " labels but only " + labels.length + " follow; download the file again");
            }
            checkEnd(file, in, count + " labels");
            return labels;
        } catch (ZipException | EOFException e) {
            throw DataFiles.corruptGzip(file, e);
        }
    }

    public static IdxImages readImages(Path file) throws IOException {
        try (InputStream in = DataFiles.open(file, "IDX images file")) {
            byte[] header = DataFiles.readUpTo(in, 16);
            if (header.length < 8 || (header.length < 16 && intAt(header, 0) == IMAGES_MAGIC)) {
                throw new DataFormatException(file + ": truncated: " + header.length
                        + " bytes, shorter than the 16-byte IDX images header");
            }
            checkMagic(file, intAt(header, 0), IMAGES_MAGIC, "images");
            int count = intAt(header, 4);
            int rows = intAt(header, 8);
            int cols = intAt(header, 12);
            long size = (long) count * rows * cols;
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataFormatException(file + ": header declares " + Integer.toUnsignedString(count)
                        + " images of " + Integer.toUnsignedString(rows) + "x" + Integer.toUnsignedString(cols)
                        + " pixels; expected a non-negative count and positive sizes, so the header is corrupt");
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file + ": header declares " + count + " images of " + rows + "x" + cols
                        + " = " + size + " bytes, more than one Java array holds; the header is corrupt");
            }
            byte[] pixels = DataFiles.readUpTo(in, (int) size);
            if (pixels.length < size) {
                long whole = pixels.length / ((long) rows * cols);
                throw new DataFormatException(file + ": truncated: header declares " + count + " images of "
                        + rows + "x" + cols + " (" + size + " bytes) but only " + pixels.length + " bytes ("
                        + whole + " whole images) follow; download the file again");
            }
            checkEnd(file, in, count + " images of " + rows + "x" + cols);
            return new IdxImages(count, rows, cols, pixels);
        } catch (ZipException | EOFException e) {
            throw DataFiles.corruptGzip(file, e);
        }
    }

    /**
     * Reads an images file and its labels file into one single-channel dataset.
     *
     * @throws DataFormatException if the counts differ or a label has no class name
     */
    public static ImageDataset read(String name, Path images, Path labels, List<String> classNames)
            throws IOException {
        IdxImages idxImages = readImages(images);
        byte[] idxLabels = readLabels(labels);
        return toDataset(name, idxImages, images, idxLabels, labels, classNames);
    }

    static ImageDataset toDataset(String name, IdxImages images, Path imagesFile, byte[] labels, Path labelsFile,
                                  List<String> classNames) {
        if (images.count() != labels.length) {
            throw new DataFormatException("Count mismatch: " + imagesFile + " holds " + images.count()
                    + " images but " + labelsFile + " holds " + labels.length
                    + " labels; expected the same count (are they from the same split and download?)");
        }
        checkLabels(labelsFile, labels, classNames.size());
        return new ImageDataset(name, images.count(), 1, images.rows(), images.cols(), images.pixels(), labels,
                classNames);
    }

    static void checkLabels(Path file, byte[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new DataFormatException(file + ": label " + label + " at index " + i + " is outside 0.."
                        + (classes - 1) + "; expected one of the dataset's " + classes + " classes");
            }
        }
    }

    /** The file named stem or stem.gz in dir (plain first), or null if neither exists. */
    static Path find(Path dir, String stem) {
        Path plain = dir.resolve(stem);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(stem + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static void checkMagic(Path file, int magic, int expected, String what) {
        if (magic != expected) {
            throw new DataFormatException(file + ": not an IDX " + what + " file: magic number "
                    + hex(magic) + " (" + describe(magic) + "), expected " + hex(expected) + " ("
                    + describe(expected) + ")");
        }
    }

    private static void checkEnd(Path file, InputStream in, String declared) throws IOException {
        if (in.read() >= 0) {
            throw new DataFormatException(file + ": more data follows the " + declared
                    + " its header declares; expected the file to end there, so the header is wrong");
        }
    }

    private static String describe(int magic) {
        if (magic == LABELS_MAGIC) {
            return "IDX labels";
        }
        if (magic == IMAGES_MAGIC) {
            return "IDX images";
        }
        if ((magic >>> 16) == 0) {
            return "IDX type 0x" + String.format("%02x", (magic >>> 8) & 0xFF) + " with " + (magic & 0xFF)
                    + " dimensions";
        }
        if ((magic >>> 16) == 0x1f8b) {
            return "gzip data inside gzip: the file was compressed twice";
        }
        return "not an IDX file";
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private static int intAt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}
