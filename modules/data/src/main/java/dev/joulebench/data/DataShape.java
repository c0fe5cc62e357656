package dev.joulebench.data;

import java.util.List;

/**
 * What a spec is checked against before any data is loaded for training: image shape, class count
 * and sizes of a dataset's train and test sets.
 */
public record DataShape(String name, int channels, int height, int width, List<String> classNames, int trainCount,
                        int testCount) {
    public DataShape {
        classNames = List.copyOf(classNames);
    }

    public static DataShape of(DatasetFiles files) {
        ImageDataset t = files.train();
        return new DataShape(t.name(), t.channels(), t.height(), t.width(), t.classNames(), t.count(),
                files.test().count());
    }

    public int classes() {
        return classNames.size();
    }

    public int featureCount() {
        return channels * height * width;
    }

    /** e.g. {@code 1x28x28}. */
    public String imageShape() {
        return channels + "x" + height + "x" + width;
    }
}
