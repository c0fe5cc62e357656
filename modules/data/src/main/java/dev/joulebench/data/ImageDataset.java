package dev.joulebench.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images stored compactly as unsigned bytes, row-major N×C×H×W, with labels 0..classes-1.
 *
 * <p>Bytes rather than floats keep 60,000 Fashion-MNIST images at 47 MB instead of 188 MB; trainers
 * convert one batch at a time with {@link #fillFeatures}. The arrays are shared, not copied, so that
 * large sets are not duplicated: treat them as read-only.
 */
public record ImageDataset(String name, int count, int channels, int height, int width,
                           byte[] pixels, byte[] labels, List<String> classNames) {

    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < SCALE.length; i++) {
            SCALE[i] = i / 255f;
        }
    }

    public ImageDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        classNames = List.copyOf(Objects.requireNonNull(classNames, "classNames"));
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "channels, height and width must be positive: " + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty() || classNames.size() > 256) {
            throw new IllegalArgumentException(
                    "classNames must hold 1 to 256 names (labels are bytes): " + classNames.size());
        }
        long expected = (long) count * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected count*C*H*W = "
                    + count + "*" + channels + "*" + height + "*" + width + " = " + expected);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries, expected count = " + count);
        }
        int classes = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new IllegalArgumentException(
                        "label " + label + " at index " + i + " is outside 0.." + (classes - 1));
            }
        }
    }

    public int classes() {
        return classNames.size();
    }

    public int featureCount() {
        return channels * height * width;
    }

    /** The label of one row as an int (labels are stored unsigned). */
    public int label(int index) {
        Objects.checkIndex(index, count);
        return labels[index] & 0xFF;
    }

    /** The given rows, in the given order, in new arrays (so the subset owns its memory). */
    public ImageDataset subset(int[] indices) {
        int features = featureCount();
        byte[] subPixels = new byte[Math.multiplyExact(indices.length, features)];
        byte[] subLabels = new byte[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int row = Objects.checkIndex(indices[i], count);
            System.arraycopy(pixels, row * features, subPixels, i * features, features);
            subLabels[i] = labels[row];
        }
        return new ImageDataset(name, indices.length, channels, height, width, subPixels, subLabels, classNames);
    }

    /** The first n rows (all of them if n exceeds count): a quick smaller run on the same data. */
    public ImageDataset head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        int rows = Math.min(n, count);
        int features = featureCount();
        return new ImageDataset(name, rows, channels, height, width,
                Arrays.copyOf(pixels, rows * features), Arrays.copyOf(labels, rows), classNames);
    }

    /**
     * Writes the given rows scaled to [0,1] (x/255) into out, row-major, indices.length*featureCount()
     * values. out may be longer (a batch buffer reused for a short last batch); the rest is untouched.
     */
    public void fillFeatures(int[] indices, float[] out) {
        int features = featureCount();
        long needed = (long) indices.length * features;
        if (out.length < needed) {
            throw new IllegalArgumentException("out holds " + out.length + " floats, need "
                    + indices.length + " rows * " + features + " features = " + needed);
        }
        float[] scale = SCALE;
        for (int i = 0; i < indices.length; i++) {
            int from = Objects.checkIndex(indices[i], count) * features;
            int to = i * features;
            for (int f = 0; f < features; f++) {
                out[to + f] = scale[pixels[from + f] & 0xFF];
            }
        }
    }

    /** Writes the labels of the given rows into out (which may be longer than indices). */
    public void fillLabels(int[] indices, int[] out) {
        if (out.length < indices.length) {
            throw new IllegalArgumentException("out holds " + out.length + " ints, need " + indices.length);
        }
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[Objects.checkIndex(indices[i], count)] & 0xFF;
        }
    }

    /** Images per class, indexed by label: to report class balance and check splits. */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (byte label : labels) {
            counts[label & 0xFF]++;
        }
        return counts;
    }

    /** Content equality: two loads of the same files are equal, whatever arrays hold them. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ImageDataset that
                && count == that.count && channels == that.channels
                && height == that.height && width == that.width
                && name.equals(that.name) && classNames.equals(that.classNames)
                && Arrays.equals(labels, that.labels) && Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, count, channels, height, width, classNames, Arrays.hashCode(labels));
    }

    /** Shape and size only: printing the pixel arrays would flood a log. */
    @Override
    public String toString() {
        return "ImageDataset[name=" + name + ", count=" + count + ", shape=" + channels + "x" + height + "x" + width
                + ", classes=" + classes() + "]";
    }
}
