package dev.joulebench.testkit.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small synthetic IDX files (the MNIST format), correct or deliberately broken, so that
 * readers can be tested against exact known bytes without shipping binary fixtures.
 *
 * <p>Usage: {@code IdxFiles.images(3, 2, 2).gzip().write(dir.resolve("x.gz"))} writes three 2×2
 * images whose pixels are {@link #pixel(int, int)}; {@code IdxFiles.labels(0, 1, 2).truncateBy(1)}
 * writes a labels file one byte short. The header always describes the intended content; the
 * corruption options then alter the bytes, as a bad download would.
 */
public final class IdxFiles {
    public static final int LABELS_MAGIC = 0x00000801;
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The four file names of an MNIST-style dataset directory, without .gz. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxFiles() {
    }

    /** The synthetic pixel value of byte {@code offset} of image {@code image}: distinct, covers 0..255. */
    public static int pixel(int image, int offset) {
        return (image * 37 + offset * 11) & 0xFF;
    }

    /** The synthetic label of image {@code image} among {@code classes} classes. */
    public static int label(int image, int classes) {
        return image % classes;
    }

    /** count images of rows×cols with {@link #pixel(int, int)} values. */
    public static Builder images(int count, int rows, int cols) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                pixels[i * rows * cols + j] = (byte) pixel(i, j);
            }
        }
        return images(count, rows, cols, pixels);
    }

    /** count images of rows×cols with the given row-major pixels. */
    public static Builder images(int count, int rows, int cols, byte[] pixels) {
        if (pixels.length != count * rows * cols) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected " + count * rows * cols);
        }
        return new Builder(IMAGES_MAGIC, new int[] {count, rows, cols}, pixels);
    }

    /** Labels with the given values (0..255). */
    public static Builder labels(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 255) {
                throw new IllegalArgumentException("label out of byte range: " + values[i]);
            }
            bytes[i] = (byte) values[i];
        }
        return new Builder(LABELS_MAGIC, new int[] {values.length}, bytes);
    }

    /** count labels with {@link #label(int, int)} values. */
    public static Builder cyclicLabels(int count, int classes) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = label(i, classes);
        }
        return labels(values);
    }

    /**
     * Writes a complete four-file dataset directory of synthetic rows×cols images: train and test
     * sets with {@link #pixel}/{@link #label} content. Returns dir.
     */
    public static Path writeDataset(Path dir, int trainCount, int testCount, int rows, int cols, int classes,
                                    boolean gzip) {
        String suffix = gzip ? ".gz" : "";
        images(trainCount, rows, cols).gzip(gzip).write(dir.resolve(TRAIN_IMAGES + suffix));
        cyclicLabels(trainCount, classes).gzip(gzip).write(dir.resolve(TRAIN_LABELS + suffix));
        images(testCount, rows, cols).gzip(gzip).write(dir.resolve(TEST_IMAGES + suffix));
        cyclicLabels(testCount, classes).gzip(gzip).write(dir.resolve(TEST_LABELS + suffix));
        return dir;
    }

    /** One IDX file under construction: content plus optional corruptions. */
    public static final class Builder {
        private final int[] dims;
        private final byte[] data;
        private int magic;
        private Integer declaredCount;
        private boolean gzip;
        private int truncateBy;
        private int extraBytes;

        private Builder(int magic, int[] dims, byte[] data) {
            this.magic = magic;
            this.dims = dims.clone();
            this.data = data.clone();
        }

        /** Compress with gzip (detected by magic bytes, whatever the file name). */
        public Builder gzip() {
            return gzip(true);
        }

        public Builder gzip(boolean on) {
            this.gzip = on;
            return this;
        }

        /** Corruption: write this magic number instead of the right one. */
        public Builder magic(int wrongMagic) {
            this.magic = wrongMagic;
            return this;
        }

        /** Corruption: the header claims this many items while the data holds the real number. */
        public Builder declaredCount(int count) {
            this.declaredCount = count;
            return this;
        }

        /** Corruption: drop this many bytes from the end of the uncompressed content (a cut-off download). */
        public Builder truncateBy(int bytes) {
            this.truncateBy = bytes;
            return this;
        }

        /** Corruption: append this many zero bytes after the declared data. */
        public Builder extraBytes(int bytes) {
            this.extraBytes = bytes;
            return this;
        }

        /** The uncompressed IDX bytes, with corruptions applied. */
        public byte[] bytes() {
            ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length + extraBytes);
            buffer.putInt(magic);
            for (int i = 0; i < dims.length; i++) {
                buffer.putInt(i == 0 && declaredCount != null ? declaredCount : dims[i]);
            }
            buffer.put(data);
            byte[] all = buffer.array();
            if (truncateBy > all.length) {
                throw new IllegalArgumentException("cannot truncate " + truncateBy + " of " + all.length + " bytes");
            }
            return Arrays.copyOf(all, all.length - truncateBy);
        }

        /** The file bytes: {@link #bytes()}, gzip'd if asked. */
        public byte[] fileBytes() {
            byte[] raw = bytes();
            return gzip ? IdxFiles.gzip(raw) : raw;
        }

        /** Writes the file (creating parent directories) and returns its path. */
        public Path write(Path file) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, fileBytes());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** gzip-compresses bytes in memory. */
    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
