package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    /** Four 1×1×2 images: pixels (0,255), (1,2), (3,4), (128,5); labels 0,1,2,1. */
    private static ImageDataset tiny() {
        byte[] pixels = {0, (byte) 255, 1, 2, 3, 4, (byte) 128, 5};
        byte[] labels = {0, 1, 2, 1};
        return new ImageDataset("tiny", 4, 1, 1, 2, pixels, labels, List.of("a", "b", "c"));
    }

    @Test
    void reportsShapeAndClasses() {
        ImageDataset d = tiny();
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.featureCount()).isEqualTo(2);
        assertThat(d.classCounts()).containsExactly(1, 2, 1);
        assertThat(d.label(3)).isEqualTo(1);
        assertThat(d.toString()).contains("tiny", "count=4", "1x1x2", "classes=3");
    }

    @Test
    void fillFeaturesScalesZeroToZeroAnd255ToOne() {
        float[] out = new float[6];
        tiny().fillFeatures(new int[] {0, 3, 1}, out);
        assertThat(out[0]).isEqualTo(0f);
        assertThat(out[1]).isEqualTo(1f);
        assertThat(out[2]).isEqualTo(128 / 255f);
        assertThat(out[3]).isEqualTo(5 / 255f);
        assertThat(out[4]).isEqualTo(1 / 255f);
        assertThat(out[5]).isEqualTo(2 / 255f);
    }

    @Test
    void fillFeaturesLeavesTheRestOfALongerBufferAlone() {
        float[] out = {-1, -1, -1, -1};
        tiny().fillFeatures(new int[] {1}, out);
        assertThat(out).containsExactly(1 / 255f, 2 / 255f, -1, -1);
    }

    @Test
    void fillFeaturesRejectsAShortBufferAndBadIndex() {
        assertThatThrownBy(() -> tiny().fillFeatures(new int[] {0, 1}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 2 rows * 2 features = 4");
        assertThatThrownBy(() -> tiny().fillFeatures(new int[] {4}, new float[2]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fillLabels() {
        int[] out = new int[3];
        tiny().fillLabels(new int[] {2, 0, 3}, out);
        assertThat(out).containsExactly(2, 0, 1);
    }

    @Test
    void subsetCopiesRowsInTheGivenOrder() {
        ImageDataset d = tiny();
        ImageDataset s = d.subset(new int[] {3, 0});
        assertThat(s.name()).isEqualTo("tiny");
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.pixels()).containsExactly(128, 5, 0, 255);
        assertThat(s.labels()).containsExactly(1, 0);
        assertThat(s.classNames()).isEqualTo(d.classNames());
        s.pixels()[0] = 9;
        assertThat(d.pixels()[6]).isEqualTo((byte) 128);
    }

    @Test
    void headClampsToCount() {
        ImageDataset d = tiny();
        assertThat(d.head(2).labels()).containsExactly(0, 1);
        assertThat(d.head(2).pixels()).containsExactly(0, 255, 1, 2);
        assertThat(d.head(10)).isEqualTo(d);
        assertThat(d.head(0).count()).isZero();
        assertThatThrownBy(() -> d.head(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorChecksSizesAndLabels() {
        List<String> names = List.of("a", "b");
        assertThatThrownBy(() -> new ImageDataset("x", 2, 1, 1, 2, new byte[3], new byte[2], names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixels has 3 bytes")
                .hasMessageContaining("= 4");
        assertThatThrownBy(() -> new ImageDataset("x", 2, 1, 1, 2, new byte[4], new byte[1], names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels has 1");
        assertThatThrownBy(() -> new ImageDataset("x", 2, 1, 1, 2, new byte[4], new byte[] {0, 2}, names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2 at index 1");
        assertThatThrownBy(() -> new ImageDataset("x", 1, 1, 1, 1, new byte[1], new byte[] {(byte) 200}, names))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 200");
    }

    @Test
    void equalityIsByContent() {
        assertThat(tiny()).isEqualTo(tiny()).hasSameHashCodeAs(tiny());
        assertThat(tiny().subset(new int[] {1, 0})).isNotEqualTo(tiny().head(2));
    }
}
