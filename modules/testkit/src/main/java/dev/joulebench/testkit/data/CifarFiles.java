package dev.joulebench.testkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes small synthetic CIFAR-10 binary batch files (records of 1 label byte + 3072 pixel bytes,
 * channel-major 3×32×32), so the reader can be tested on exact bytes without the 160 MB dataset.
 */
public final class CifarFiles {
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    private CifarFiles() {
    }

    /** The synthetic value of pixel byte {@code offset} (channel-major) of record {@code record} in batch {@code batch}. */
    public static int pixel(int batch, int record, int offset) {
        return (batch * 101 + record * 37 + offset * 11) & 0xFF;
    }

    /** The synthetic label of record {@code record} in batch {@code batch}. */
    public static int label(int batch, int record) {
        return (batch + record) % 10;
    }

    /** The bytes of one batch of {@code records} synthetic records. */
    public static byte[] batchBytes(int batch, int records) {
        byte[] bytes = new byte[records * RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int offset = r * RECORD_BYTES;
            bytes[offset] = (byte) label(batch, r);
            for (int p = 0; p < IMAGE_BYTES; p++) {
                bytes[offset + 1 + p] = (byte) pixel(batch, r, p);
            }
        }
        return bytes;
    }

    /** Writes a batch file of synthetic records, the last {@code truncateBy} bytes cut off. */
    public static Path writeBatch(Path file, int batch, int records, int truncateBy) {
        byte[] bytes = batchBytes(batch, records);
        return write(file, Arrays.copyOf(bytes, bytes.length - truncateBy));
    }

    /** Writes a batch file from explicit labels and pixels (labels.length × 3072 bytes). */
    public static Path writeBatch(Path file, byte[] labels, byte[] pixels) {
        if (pixels.length != labels.length * IMAGE_BYTES) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                    + labels.length * IMAGE_BYTES);
        }
        byte[] bytes = new byte[labels.length * RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            bytes[r * RECORD_BYTES] = labels[r];
            System.arraycopy(pixels, r * IMAGE_BYTES, bytes, r * RECORD_BYTES + 1, IMAGE_BYTES);
        }
        return write(file, bytes);
    }

    /**
     * Writes data_batch_1..5.bin with {@code perTrainBatch} records each (batch numbers 1..5) and
     * test_batch.bin with {@code testRecords} records (batch number 0) into dir; returns dir.
     */
    public static Path writeDataset(Path dir, int perTrainBatch, int testRecords) {
        for (int b = 1; b <= 5; b++) {
            writeBatch(dir.resolve("data_batch_" + b + ".bin"), b, perTrainBatch, 0);
        }
        writeBatch(dir.resolve("test_batch.bin"), 0, testRecords, 0);
        return dir;
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
