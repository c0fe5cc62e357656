package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped samples and the full Fashion-MNIST of Debian's package (CI installs it; see {@link Fixtures}). */
class RealDatasetsTest {
    @TempDir
    Path emptyHome;

    /**
     * The repository root: surefire passes it as joulebench.home; when the tests run some other way,
     * walk up from the working directory to the folder holding samples/.
     */
    static Path repositoryRoot() {
        String property = System.getProperty(DatasetCatalog.HOME_PROPERTY);
        if (property != null && Files.isDirectory(Path.of(property, "samples", "fashion-mnist"))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples").resolve("fashion-mnist"))) {
                return p;
            }
        }
        throw new AssertionError("samples/fashion-mnist not found: joulebench.home=" + property
                + ", working directory " + Path.of("").toAbsolutePath());
    }

    @Test
    void samplesHave10000TrainAnd2000TestImages() throws IOException {
        DatasetCatalog catalog = new DatasetCatalog(Map.of(), emptyHome, repositoryRoot(), List.of());
        DatasetFiles samples = catalog.load("samples");
        assertThat(samples.location()).isEqualTo(repositoryRoot().resolve("samples/fashion-mnist"));
        assertThat(samples.train().name()).isEqualTo("samples");
        assertThat(samples.train().count()).isEqualTo(10000);
        assertThat(samples.test().count()).isEqualTo(2000);
        assertThat(samples.train().featureCount()).isEqualTo(784);
        assertThat(samples.train().classNames()).isEqualTo(ClassNames.FASHION_MNIST);
        // the per-class counts printed in samples/fashion-mnist/README.md
        assertThat(samples.train().classCounts()).containsExactly(942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000);
        assertThat(samples.test().classCounts()).containsExactly(200, 203, 214, 190, 219, 195, 197, 200, 194, 188);
    }

    @Test
    void systemCatalogFindsSamplesThroughJoulebenchHome() throws IOException {
        String property = System.getProperty(DatasetCatalog.HOME_PROPERTY);
        Fixtures.require(property != null && Files.isDirectory(Path.of(property, "samples", "fashion-mnist")),
                "joulebench.home=" + property + " (the repository root, with samples/fashion-mnist)",
                "surefire sets it from the parent pom: run the tests through Maven");
        assertThat(DatasetCatalog.system().load("samples").test().count()).isEqualTo(2000);
    }

    @Test
    void samplesArePrefixesOfTheFullSet() throws IOException {
        DatasetFiles samples = new DatasetCatalog(Map.of(), emptyHome, repositoryRoot(), List.of()).load("samples");
        DatasetFiles full = FullFashion.load();
        assertThat(samples.train().pixels()).isEqualTo(Arrays.copyOf(full.train().pixels(), 10000 * 784));
        assertThat(samples.test().labels()).isEqualTo(Arrays.copyOf(full.test().labels(), 2000));
    }

    @Test
    void fullFashionMnistHas60000And10000With6000PerClass() throws IOException {
        DatasetFiles full = FullFashion.load();
        assertThat(full.location()).isEqualTo(Fixtures.fashionMnist());
        assertThat(full.train().count()).isEqualTo(60000);
        assertThat(full.test().count()).isEqualTo(10000);
        assertThat(full.train().height()).isEqualTo(28);
        assertThat(full.train().width()).isEqualTo(28);
        assertThat(full.train().classCounts()).containsOnly(6000);
        assertThat(full.test().classCounts()).containsOnly(1000);

        TrainValidationSplit split = TrainValidationSplit.of(full.train(), 1.0 / 6, 2024);
        assertThat(split.validation().count()).isEqualTo(10000);
        assertThat(split.train().count()).isEqualTo(50000);
        int[] sum = new int[10];
        for (int c = 0; c < 10; c++) {
            sum[c] = split.train().classCounts()[c] + split.validation().classCounts()[c];
        }
        assertThat(sum).containsOnly(6000);
        assertThat(TrainValidationSplit.of(full.train(), 1.0 / 6, 2024)).isEqualTo(split);

        float[] features = new float[784];
        full.train().fillFeatures(new int[] {0}, features);
        for (float f : features) {
            assertThat(f).isBetween(0f, 1f);
        }
    }

    /**
     * The full set through the catalog's system-root lookup (the parent of Debian's
     * {@code /usr/share/datasets/fashion-mnist}), read once per test class run; skips or, under CI,
     * fails when it is not installed.
     */
    private static final class FullFashion {
        private static DatasetFiles cached;

        static synchronized DatasetFiles load() throws IOException {
            Path dir = Fixtures.fashionMnist();
            if (cached == null) {
                cached = new DatasetCatalog(Map.of(), Path.of("/nonexistent-home"), Path.of("/nonexistent"),
                        List.of(dir.getParent())).load("fashion-mnist");
            }
            return cached;
        }
    }
}
