package dev.joulebench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.BadInputException;
import dev.joulebench.testkit.data.CifarFiles;
import dev.joulebench.testkit.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCatalogTest {
    @TempDir
    Path tmp;

    Path explicit;
    Path data;
    Path home;
    Path jbHome;
    Path system1;
    Path system2;

    @BeforeEach
    void layout() throws IOException {
        explicit = tmp.resolve("explicit/fashion-mnist");
        data = tmp.resolve("data");
        home = tmp.resolve("home");
        jbHome = tmp.resolve("install");
        system1 = tmp.resolve("sys1");
        system2 = tmp.resolve("sys2");
        for (Path p : List.of(data, home, jbHome, system1, system2)) {
            Files.createDirectories(p);
        }
    }

    private DatasetCatalog catalog(boolean withEnv) {
        Map<String, String> env = withEnv ? Map.of("JOULEBENCH_DATA", data.toString(), "OTHER", "x") : Map.of();
        return new DatasetCatalog(env, home, jbHome, List.of(system1, system2));
    }

    /** A fashion-like IDX dataset whose train count identifies where it was loaded from. */
    private static Path fashion(Path dir, int trainCount) {
        return IdxFiles.writeDataset(dir, trainCount, 2, 28, 28, 10, true);
    }

    @Test
    void lookupOrderExplicitThenEnvThenHomeThenSystemRootsInOrder() throws IOException {
        fashion(explicit, 1);
        fashion(data.resolve("fashion-mnist"), 2);
        fashion(home.resolve("joulebench/datasets/fashion-mnist"), 3);
        fashion(system1.resolve("fashion-mnist"), 4);
        fashion(system2.resolve("fashion-mnist"), 5);
        DatasetCatalog catalog = catalog(true);

        assertThat(catalog.load(explicit.toString()).train().count()).isEqualTo(1);
        assertThat(catalog.locate(explicit.toString())).isEqualTo(explicit);
        assertThat(catalog.load("fashion-mnist").train().count()).isEqualTo(2);

        assertThat(catalog(false).load("fashion-mnist").train().count()).isEqualTo(3);
        assertThat(catalog(false).locate("fashion-mnist")).isEqualTo(home.resolve("joulebench/datasets/fashion-mnist"));

        deleteTree(home.resolve("joulebench"));
        assertThat(catalog(true).load("fashion-mnist").train().count()).isEqualTo(2);
        deleteTree(data.resolve("fashion-mnist"));
        assertThat(catalog(true).load("fashion-mnist").train().count()).isEqualTo(4);
        deleteTree(system1.resolve("fashion-mnist"));
        DatasetFiles last = catalog(true).load("FASHION-MNIST");
        assertThat(last.train().count()).isEqualTo(5);
        assertThat(last.location()).isEqualTo(system2.resolve("fashion-mnist"));
        assertThat(last.train().name()).isEqualTo("fashion-mnist");
    }

    @Test
    void emptyOrWrongFolderIsSkippedAndReported() {
        data.resolve("fashion-mnist").toFile().mkdirs();
        fashion(system2.resolve("fashion-mnist"), 5);
        assertThat(catalog(true).locate("fashion-mnist")).isEqualTo(system2.resolve("fashion-mnist"));
        CifarFiles.writeDataset(data.resolve("mnist"), 1, 1);
        assertThatThrownBy(() -> catalog(true).locate("mnist"))
                .hasMessageContaining(data.resolve("mnist") + " (exists, but holds no IDX files)");
    }

    @Test
    void notFoundListsEveryPlaceInOrderAndHowToGetIt() {
        DatasetCatalog catalog = catalog(true);
        List<Path> places = List.of(data.resolve("fashion-mnist"), home.resolve("joulebench/datasets/fashion-mnist"),
                system1.resolve("fashion-mnist"), system2.resolve("fashion-mnist"));
        assertThatThrownBy(() -> catalog.load("fashion-mnist"))
                .isInstanceOf(DatasetNotFoundException.class)
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Dataset 'fashion-mnist' not found. Looked in: "
                        + places.get(0) + " (no such directory), " + places.get(1) + " (no such directory), "
                        + places.get(2) + " (no such directory), " + places.get(3) + " (no such directory).")
                .hasMessageContaining("Get it with: sudo apt-get install dataset-fashion-mnist (Debian/Ubuntu)")
                .hasMessageContaining("in " + places.get(1) + "/")
                .hasMessageContaining("or set JOULEBENCH_DATA")
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched()).isEqualTo(places));
    }

    @Test
    void notFoundWithoutEnvSaysItIsUnset() {
        assertThatThrownBy(() -> catalog(false).locate("mnist"))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Looked in: " + home.resolve("joulebench/datasets/mnist") + " (no such directory), "
                        + system1.resolve("mnist") + " (no such directory), " + system2.resolve("mnist")
                        + " (no such directory) (JOULEBENCH_DATA is not set).")
                .hasMessageContaining("https://yann.lecun.com/exdb/mnist/")
                .satisfies(e -> assertThat(((DatasetNotFoundException) e).searched()).hasSize(3));
        assertThatThrownBy(() -> catalog(false).locate("cifar10"))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
        assertThatThrownBy(() -> catalog(false).locate("samples"))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Looked in: " + jbHome.resolve("samples/fashion-mnist") + " (no such directory)")
                .hasMessageContaining("joulebench.home");
    }

    @Test
    void unknownNameListsTheAllowedNames() {
        assertThatThrownBy(() -> catalog(true).load("fashoin-mnist"))
                .isInstanceOf(BadInputException.class)
                .isNotInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining("Unknown dataset 'fashoin-mnist'")
                .hasMessageContaining("fashion-mnist, mnist, cifar10, samples");
    }

    @Test
    void existingFolderWithoutDatasetFiles() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing-here"));
        assertThatThrownBy(() -> catalog(true).load(empty.toString()))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(empty + " holds no dataset files")
                .hasMessageContaining("train-images-idx3-ubyte");
    }

    @Test
    void incompleteIdxFolderNamesTheMissingFiles() throws IOException {
        Path dir = fashion(home.resolve("joulebench/datasets/fashion-mnist"), 3);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> catalog(false).load("fashion-mnist"))
                .isInstanceOf(DatasetNotFoundException.class)
                .hasMessageContaining(dir + " is incomplete: t10k-labels-idx1-ubyte[.gz] missing");
    }

    @Test
    void corruptFileInCatalogDatasetNamesIt() {
        Path dir = home.resolve("joulebench/datasets/mnist");
        IdxFiles.writeDataset(dir, 5, 2, 28, 28, 10, false);
        IdxFiles.labels(0, 1, 2, 3).write(dir.resolve("train-labels-idx1-ubyte"));
        assertThatThrownBy(() -> catalog(false).load("mnist"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("Count mismatch")
                .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte") + " holds 4 labels");
    }

    @Test
    void namedDatasetsGetTheirClassNames() throws IOException {
        IdxFiles.writeDataset(home.resolve("joulebench/datasets/mnist"), 3, 2, 28, 28, 10, false);
        fashion(home.resolve("joulebench/datasets/fashion-mnist"), 3);
        DatasetFiles mnist = catalog(false).load("mnist");
        assertThat(mnist.train().classNames()).isEqualTo(ClassNames.MNIST);
        assertThat(mnist.train().name()).isEqualTo("mnist");
        assertThat(mnist.test().name()).isEqualTo("mnist");
        assertThat(catalog(false).load("fashion-mnist").test().classNames())
                .containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    @Test
    void explicitPathClassNamesFollowContentAndFolderName() throws IOException {
        Path digits = IdxFiles.writeDataset(tmp.resolve("my-MNIST-copy"), 12, 2, 28, 28, 10, false);
        Path clothes = IdxFiles.writeDataset(tmp.resolve("my-fashion-mnist"), 12, 2, 28, 28, 10, false);
        Path unnamed = IdxFiles.writeDataset(tmp.resolve("whatever"), 12, 2, 28, 28, 10, false);
        Path small = IdxFiles.writeDataset(tmp.resolve("mnist-small"), 12, 2, 8, 8, 4, false);
        Path many = IdxFiles.writeDataset(tmp.resolve("mnist-many"), 12, 2, 28, 28, 12, false);
        DatasetCatalog catalog = catalog(false);
        assertThat(catalog.load(digits.toString()).train().classNames()).isEqualTo(ClassNames.MNIST);
        assertThat(catalog.load(clothes.toString()).train().classNames()).isEqualTo(ClassNames.FASHION_MNIST);
        assertThat(catalog.load(unnamed.toString()).train().classNames()).isEqualTo(ClassNames.FASHION_MNIST);
        assertThat(catalog.load(small.toString()).train().classNames()).containsExactly("0", "1", "2", "3");
        assertThat(catalog.load(many.toString()).train().classNames()).hasSize(12);
        assertThat(catalog.load(unnamed.toString()).train().name()).isEqualTo("whatever");
        // a path to one of the files means its folder
        assertThat(catalog.locate(unnamed.resolve("train-images-idx3-ubyte").toString())).isEqualTo(unnamed);
    }

    @Test
    void explicitPathDetectsFormatByFilesPresent() throws IOException {
        Path plainIdx = IdxFiles.writeDataset(tmp.resolve("plain"), 4, 2, 5, 5, 3, false);
        Path cifar = CifarFiles.writeDataset(tmp.resolve("cif/cifar-10-batches-bin"), 1, 2);
        DatasetCatalog catalog = catalog(false);
        DatasetFiles idx = catalog.load(plainIdx.toString());
        assertThat(idx.train().count()).isEqualTo(4);
        assertThat(idx.train().height()).isEqualTo(5);
        assertThat(idx.train().pixels()[5] & 0xFF).isEqualTo(IdxFiles.pixel(0, 5));
        DatasetFiles c = catalog.load(tmp.resolve("cif").toString());
        assertThat(c.location()).isEqualTo(cifar);
        assertThat(c.train().count()).isEqualTo(5);
        assertThat(c.test().count()).isEqualTo(2);
        assertThat(c.train().channels()).isEqualTo(3);
    }

    @Test
    void cifarByNameAcceptsTheArchiveFolder() throws IOException {
        Path batches = CifarFiles.writeDataset(data.resolve("cifar10/cifar-10-batches-bin"), 2, 1);
        DatasetFiles files = catalog(true).load("cifar10");
        assertThat(catalog(true).locate("cifar10")).isEqualTo(batches);
        assertThat(files.location()).isEqualTo(batches);
        assertThat(files.train().count()).isEqualTo(10);
        assertThat(files.train().name()).isEqualTo("cifar10");
        assertThat(files.train().classNames()).isEqualTo(ClassNames.CIFAR10);
    }

    @Test
    void samplesComeFromTheInstallDirectoryOnly() {
        fashion(data.resolve("samples"), 9);
        Path samples = fashion(jbHome.resolve("samples/fashion-mnist"), 7);
        assertThat(catalog(true).locate("samples")).isEqualTo(samples);
        assertThat(catalog(true).candidates("samples")).containsExactly(samples);
    }

    @Test
    void blankNameIsBadInput() {
        assertThatThrownBy(() -> catalog(true).locate("  "))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("No dataset given");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
