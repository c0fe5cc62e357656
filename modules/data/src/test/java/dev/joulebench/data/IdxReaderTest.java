package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.testkit.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    @TempDir
    Path dir;

    /** Two hand-written 2×3 images, bytes chosen to include 0, 255 and values above 127. */
    private static final byte[] PIXELS = {
        0, 1, 2, 3, 4, (byte) 255,
        (byte) 128, (byte) 200, 7, 8, 9, 10,
    };

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void roundTripsExactPixelsAndLabels(boolean gzip) throws IOException {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).gzip(gzip).write(dir.resolve("img"));
        Path labels = IdxFiles.labels(2, 0).gzip(gzip).write(dir.resolve("lab"));
        assertThat(Files.readAllBytes(images)[0]).isEqualTo(gzip ? (byte) 0x1f : 0);

        IdxReader.IdxImages read = IdxReader.readImages(images);
        assertThat(read.count()).isEqualTo(2);
        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.cols()).isEqualTo(3);
        assertThat(read.pixels()).containsExactly(PIXELS);
        assertThat(IdxReader.readLabels(labels)).containsExactly(2, 0);

        ImageDataset d = IdxReader.read("tiny", images, labels, ABC);
        assertThat(d.name()).isEqualTo("tiny");
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.channels()).isEqualTo(1);
        assertThat(d.height()).isEqualTo(2);
        assertThat(d.width()).isEqualTo(3);
        assertThat(d.pixels()).containsExactly(PIXELS);
        assertThat(d.label(0)).isEqualTo(2);
        assertThat(d.label(1)).isEqualTo(0);
        assertThat(d.classNames()).isEqualTo(ABC);
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws IOException {
        Path gzNoSuffix = IdxFiles.labels(1, 2).gzip().write(dir.resolve("labels-without-suffix"));
        Path plainWithSuffix = IdxFiles.labels(2, 1).write(dir.resolve("labels-idx1-ubyte.gz"));
        assertThat(IdxReader.readLabels(gzNoSuffix)).containsExactly(1, 2);
        assertThat(IdxReader.readLabels(plainWithSuffix)).containsExactly(2, 1);
    }

    @Test
    void readsLargerSyntheticSetsExactly() throws IOException {
        Path images = IdxFiles.images(300, 28, 28).gzip().write(dir.resolve("img.gz"));
        IdxReader.IdxImages read = IdxReader.readImages(images);
        assertThat(read.count()).isEqualTo(300);
        for (int i : new int[] {0, 1, 150, 299}) {
            for (int j : new int[] {0, 1, 400, 783}) {
                assertThat(read.pixels()[i * 784 + j] & 0xFF).isEqualTo(IdxFiles.pixel(i, j));
            }
        }
    }

    @Test
    void emptySetIsValid() throws IOException {
        Path images = IdxFiles.images(0, 28, 28).write(dir.resolve("img"));
        Path labels = IdxFiles.labels().write(dir.resolve("lab"));
        ImageDataset d = IdxReader.read("empty", images, labels, ABC);
        assertThat(d.count()).isZero();
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void wrongMagicInImagesFile(boolean gzip) {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).magic(0x00000802).gzip(gzip).write(dir.resolve("img"));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DataFormatException.class)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("magic number 0x00000802")
                .hasMessageContaining("expected 0x00000803");
    }

    @Test
    void labelsFileGivenAsImagesIsNamed() {
        Path labels = IdxFiles.labels(1, 2, 0, 1, 2, 0, 1, 2, 0).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.readImages(labels))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("0x00000801 (IDX labels)")
                .hasMessageContaining("expected 0x00000803 (IDX images)");
    }

    @Test
    void wrongMagicInLabelsFile() {
        Path labels = IdxFiles.labels(0, 1).magic(0x12345678).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.readLabels(labels))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("not an IDX labels file")
                .hasMessageContaining("0x12345678 (not an IDX file)")
                .hasMessageContaining("expected 0x00000801");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedImages(boolean gzip) {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).truncateBy(4).gzip(gzip).write(dir.resolve("img"));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("declares 2 images of 2x3 (12 bytes) but only 8 bytes (1 whole images)");
    }

    @Test
    void truncatedImagesHeader() {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).truncateBy(18).write(dir.resolve("img"));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated: 10 bytes, shorter than the 16-byte IDX images header");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void truncatedLabels(boolean gzip) {
        Path labels = IdxFiles.labels(0, 1, 2, 0, 1).truncateBy(2).gzip(gzip).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.readLabels(labels))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("truncated: header declares 5 labels but only 3 follow");
    }

    @Test
    void headerClaimingFewerItemsThanTheFileHolds() {
        Path labels = IdxFiles.labels(0, 1, 2).declaredCount(2).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.readLabels(labels))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("more data follows the 2 labels its header declares");
    }

    @Test
    void absurdHeaderCountIsReportedWithoutAllocatingIt() {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).declaredCount(100_000_000).write(dir.resolve("img"));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("600000000 bytes")
                .hasMessageContaining("truncated");
        Path huge = IdxFiles.images(2, 2, 3, PIXELS).declaredCount(Integer.MAX_VALUE).write(dir.resolve("huge"));
        assertThatThrownBy(() -> IdxReader.readImages(huge))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("more than one Java array holds");
    }

    @Test
    void truncatedGzipStream() throws IOException {
        byte[] gz = IdxFiles.images(2, 2, 3, PIXELS).gzip().fileBytes();
        Path images = Files.write(dir.resolve("img.gz"), Arrays.copyOf(gz, gz.length - 12));
        assertThatThrownBy(() -> IdxReader.readImages(images))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("corrupt or truncated gzip");
    }

    @Test
    void countMismatchNamesBothFiles() {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).write(dir.resolve("img"));
        Path labels = IdxFiles.labels(0, 1, 2).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.read("x", images, labels, ABC))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("Count mismatch")
                .hasMessageContaining(images + " holds 2 images")
                .hasMessageContaining(labels + " holds 3 labels");
    }

    @Test
    void labelWithoutAClassName() {
        Path images = IdxFiles.images(2, 2, 3, PIXELS).write(dir.resolve("img"));
        Path labels = IdxFiles.labels(0, 7).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.read("x", images, labels, ABC))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 7 at index 1 is outside 0..2");
    }

    @Test
    void missingFile() {
        Path images = dir.resolve("train-images-idx3-ubyte");
        Path labels = IdxFiles.labels(0, 1).write(dir.resolve("lab"));
        assertThatThrownBy(() -> IdxReader.read("x", images, labels, ABC))
                .isInstanceOf(DatasetNotFoundException.class)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("IDX images file not found")
                .hasMessageContaining(images.toString())
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched()).containsExactly(images));
        assertThatThrownBy(() -> IdxReader.readLabels(dir.resolve("nope")))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("IDX labels file not found: " + dir.resolve("nope"));
    }

    @Test
    void directoryInsteadOfFile() {
        assertThatThrownBy(() -> IdxReader.readLabels(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining(dir + ": is a directory");
    }
}
