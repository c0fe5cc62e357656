package dev.joulebench.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads the binary version of CIFAR-10 (cifar-10-binary.tar.gz, unpacked): records of one label
 * byte and 3072 pixel bytes, already channel-major 3×32×32, so they copy straight into an
 * {@link ImageDataset} without reordering.
 */
public final class Cifar10Reader {
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = CHANNELS * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** The folder the archive unpacks to. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    public static final String SOURCE_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";

    private Cifar10Reader() {
    }

    /** Reads and concatenates the given batch files, in order. */
    public static ImageDataset readBatches(String name, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CIFAR-10 batch files given");
        }
        List<byte[]> contents = new ArrayList<>(files.size());
        long records = 0;
        for (Path file : files) {
            byte[] bytes = readBatch(file);
            contents.add(bytes);
            records += bytes.length / RECORD_BYTES;
        }
        if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new DataFormatException("CIFAR-10 batches " + files + " hold " + records
                    + " images, more than one Java array holds; expected at most 50,000 per set");
        }
        int count = (int) records;
        byte[] pixels = new byte[count * IMAGE_BYTES];
        byte[] labels = new byte[count];
        int row = 0;
        for (byte[] bytes : contents) {
            for (int offset = 0; offset < bytes.length; offset += RECORD_BYTES, row++) {
                labels[row] = bytes[offset];
                System.arraycopy(bytes, offset + 1, pixels, row * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ImageDataset(name, count, CHANNELS, SIDE, SIDE, pixels, labels, ClassNames.CIFAR10);
    }

    /** Reads dir/data_batch_1..5.bin as train and dir/test_batch.bin as test, named "cifar10". */
    public static DatasetFiles read(Path dir) throws IOException {
        return read("cifar10", dir);
    }

    /** As {@link #read(Path)}, with the dataset name to record (the catalog passes its own). */
    public static DatasetFiles read(String name, Path dir) throws IOException {
        Path batches = batchDirectory(dir);
        if (batches == null) {
            batches = dir;
        }
        List<Path> train = new ArrayList<>();
        for (String file : TRAIN_FILES) {
            train.add(batches.resolve(file));
        }
        Path test = batches.resolve(TEST_FILE);
        List<Path> missing = new ArrayList<>();
        for (Path file : train) {
            if (!Files.isRegularFile(file)) {
                missing.add(file);
            }
        }
        if (!Files.isRegularFile(test)) {
            missing.add(test);
        }
        if (!missing.isEmpty()) {
            List<String> names = missing.stream().map(p -> p.getFileName().toString()).toList();
            throw new DatasetNotFoundException("CIFAR-10 files missing in " + batches + ": " + String.join(", ", names)
                    + ". Expected " + String.join(", ", TRAIN_FILES) + " and " + TEST_FILE
                    + " from the binary version, " + SOURCE_URL + " (unpack with tar xzf).", missing);
        }
        return new DatasetFiles(readBatches(name, train), readBatches(name, List.of(test)), batches);
    }

    /**
     * The folder holding the batch files: dir itself or the archive's cifar-10-batches-bin/ inside it,
     * or null if neither holds any, so that both the archive and its contents can be pointed at.
     */
    static Path batchDirectory(Path dir) {
        if (holdsBatches(dir)) {
            return dir;
        }
        Path inner = dir.resolve(ARCHIVE_FOLDER);
        return holdsBatches(inner) ? inner : null;
    }

    private static boolean holdsBatches(Path dir) {
        if (Files.isRegularFile(dir.resolve(TEST_FILE))) {
            return true;
        }
        for (String file : TRAIN_FILES) {
            if (Files.isRegularFile(dir.resolve(file))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readBatch(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = DataFiles.open(file, "CIFAR-10 batch file")) {
            bytes = in.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw DataFiles.corruptGzip(file, e);
        }
        if (bytes.length == 0) {
            throw new DataFormatException(file + ": empty; expected records of " + RECORD_BYTES
                    + " bytes (1 label + " + IMAGE_BYTES + " pixels)");
        }
        int partial = bytes.length % RECORD_BYTES;
        if (partial != 0) {
            String hint = bytes.length % (RECORD_BYTES + 1) == 0
                    ? " It divides into 3074-byte records: this looks like CIFAR-100, which Joulebench does not read."
                    : " Download and unpack " + SOURCE_URL + " again.";
            throw new DataFormatException(file + ": truncated: " + bytes.length + " bytes is not a whole number of "
                    + RECORD_BYTES + "-byte records (1 label + " + IMAGE_BYTES + " pixels); the last record has only "
                    + partial + " bytes." + hint);
        }
        for (int offset = 0, record = 0; offset < bytes.length; offset += RECORD_BYTES, record++) {
            int label = bytes[offset] & 0xFF;
            if (label >= ClassNames.CIFAR10.size()) {
                throw new DataFormatException(file + ": label " + label + " in record " + record
                        + " is outside 0..9; expected a CIFAR-10 binary batch");
            }
        }
        return bytes;
    }
}
