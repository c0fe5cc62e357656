package dev.joulebench.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The train and test sets of one dataset. The location travels with them because a run records
 * where its data came from in its provenance.
 */
public record DatasetFiles(ImageDataset train, ImageDataset test, Path location) {
    public DatasetFiles {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(location, "location");
    }
}
