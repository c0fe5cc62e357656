package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.testkit.data.CifarFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    @Test
    void parsesRecordsAsLabelPlusChannelMajorPixels() throws IOException {
        byte[] labels = {3, 9};
        byte[] pixels = new byte[2 * 3072];
        pixels[0] = (byte) 255;          // image 0, red, (0,0)
        pixels[1024] = 17;               // image 0, green, (0,0)
        pixels[2048 + 1023] = (byte) 200; // image 0, blue, (31,31)
        pixels[3072 + 32] = 5;           // image 1, red, (1,0)
        Path file = CifarFiles.writeBatch(dir.resolve("data_batch_1.bin"), labels, pixels);
        assertThat(Files.size(file)).isEqualTo(2 * 3073);

        ImageDataset d = Cifar10Reader.readBatches("c", List.of(file));
        assertThat(d.name()).isEqualTo("c");
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.height()).isEqualTo(32);
        assertThat(d.width()).isEqualTo(32);
        assertThat(d.labels()).containsExactly(3, 9);
        assertThat(d.pixels()).isEqualTo(pixels);
        assertThat(d.classNames()).containsExactly("airplane", "automobile", "bird", "cat", "deer",
                "dog", "frog", "horse", "ship", "truck");
    }

    @Test
    void concatenatesBatchesInOrder() throws IOException {
        Path a = CifarFiles.writeBatch(dir.resolve("a.bin"), 1, 3, 0);
        Path b = CifarFiles.writeBatch(dir.resolve("b.bin"), 2, 2, 0);
        ImageDataset d = Cifar10Reader.readBatches("c", List.of(a, b));
        assertThat(d.count()).isEqualTo(5);
        assertThat(d.label(2)).isEqualTo(CifarFiles.label(1, 2));
        assertThat(d.label(3)).isEqualTo(CifarFiles.label(2, 0));
        assertThat(d.pixels()[3 * 3072 + 100] & 0xFF).isEqualTo(CifarFiles.pixel(2, 0, 100));
        assertThat(d.pixels()[4 * 3072 + 3071] & 0xFF).isEqualTo(CifarFiles.pixel(2, 1, 3071));
    }

    @Test
    void truncatedRecordNamesTheFile() {
        Path file = CifarFiles.writeBatch(dir.resolve("data_batch_2.bin"), 2, 3, 100);
        assertThatThrownBy(() -> Cifar10Reader.readBatches("c", List.of(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated: 9119 bytes is not a whole number of 3073-byte records")
                .hasMessageContaining("last record has only 2973 bytes");
    }

    @Test
    void emptyBatch() throws IOException {
        Path file = Files.write(dir.resolve("test_batch.bin"), new byte[0]);
        assertThatThrownBy(() -> Cifar10Reader.readBatches("c", List.of(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file + ": empty");
    }

    @Test
    void labelOutsideTenClasses() {
        byte[] pixels = new byte[3072];
        Path file = CifarFiles.writeBatch(dir.resolve("test_batch.bin"), new byte[] {10}, pixels);
        assertThatThrownBy(() -> Cifar10Reader.readBatches("c", List.of(file)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("label 10 in record 0 is outside 0..9");
    }

    @Test
    void readsADirectoryOrTheArchiveFolderInsideIt() throws IOException {
        CifarFiles.writeDataset(dir.resolve("cifar-10-batches-bin"), 2, 3);
        DatasetFiles files = Cifar10Reader.read(dir);
        assertThat(files.location()).isEqualTo(dir.resolve("cifar-10-batches-bin"));
        assertThat(files.train().count()).isEqualTo(10);
        assertThat(files.test().count()).isEqualTo(3);
        assertThat(files.train().name()).isEqualTo("cifar10");
        assertThat(files.train().label(4)).isEqualTo(CifarFiles.label(3, 0));
        assertThat(files.test().label(2)).isEqualTo(CifarFiles.label(0, 2));
        assertThat(Cifar10Reader.read(dir.resolve("cifar-10-batches-bin")).train()).isEqualTo(files.train());
    }

    @Test
    void missingBatchesAreListed() throws IOException {
        CifarFiles.writeDataset(dir, 1, 1);
        Files.delete(dir.resolve("data_batch_3.bin"));
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> Cifar10Reader.read(dir))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("CIFAR-10 files missing in " + dir + ": data_batch_3.bin, test_batch.bin")
                .hasMessageContaining(Cifar10Reader.SOURCE_URL)
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched())
                        .containsExactly(dir.resolve("data_batch_3.bin"), dir.resolve("test_batch.bin")));
    }
}
