package dev.joulebench.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Files that tests read but do not create: Debian packages CI installs ({@code .ci/run}), the samples
 * and assets shipped in the repository, and the workspace's reference data in {@code ../shared/data}.
 * On a developer machine a missing fixture skips the test with a note on how to get it; under CI
 * (environment variable {@code CI=true}, as {@code .ci/run} runs) it fails, so a broken install or a
 * lost file cannot turn a suite green by skipping it.
 *
 * <p>The system locations can be moved with system properties ({@value #FASHION_MNIST_PROPERTY},
 * {@value #ONNX_NODE_TESTS_PROPERTY}, {@value #SHARED_DATA_PROPERTY}); pointing one nowhere, e.g.
 * {@code CI=true ./mvnw verify -Djoulebench.fixtures.fashion-mnist=/nowhere}, shows the failure path.
 * Benchmark opt-ins and hardware conditions (a GPU, root) are not fixtures: they stay plain skips.
 */
public final class Fixtures {
    /** Environment variable CI services set to {@code true}. */
    public static final String CI_VARIABLE = "CI";
    /** Overrides where the full Fashion-MNIST is looked for. */
    public static final String FASHION_MNIST_PROPERTY = "joulebench.fixtures.fashion-mnist";
    /** Overrides where ONNX's node test cases are looked for. */
    public static final String ONNX_NODE_TESTS_PROPERTY = "joulebench.fixtures.onnx-node-tests";
    /** Overrides where the workspace's reference data ({@code ../shared/data}) is looked for. */
    public static final String SHARED_DATA_PROPERTY = "joulebench.fixtures.shared-data";

    static final String FASHION_MNIST_HOW = "install Debian's dataset-fashion-mnist (apt-get install "
            + "dataset-fashion-mnist; .ci/run does this)";
    static final String ONNX_NODE_TESTS_HOW = "install Debian's libonnx-testdata (apt-get install libonnx-testdata; "
            + ".ci/run does this)";
    static final String SHARED_DATA_HOW = "the workspace's reference data belongs in ../shared/data next to the "
            + "repository (see its README.md; it is read in place, never copied into the project)";
    static final String SHIPPED_HOW = "it is part of the repository: restore it with git checkout";

    private Fixtures() {}

    /** Whether this run is CI's ({@code CI=true}), where missing fixtures fail. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv(CI_VARIABLE));
    }

    /**
     * {@code path} if it exists (file or directory); otherwise skips the test, or fails it under CI,
     * saying what is missing and {@code howToGetIt}.
     */
    public static Path require(Path path, String howToGetIt) {
        require(Files.exists(path), path.toAbsolutePath().toString(), howToGetIt);
        return path;
    }

    /** Skips, or under CI fails, unless {@code present}; {@code what} names the fixture in the message. */
    public static void require(boolean present, String what, String howToGetIt) {
        require(present, what, howToGetIt, onCi());
    }

    /** The decision itself, with CI given, so both outcomes can be tested on any machine. */
    static void require(boolean present, String what, String howToGetIt, boolean ci) {
        if (present) {
            return;
        }
        if (ci) {
            Assertions.fail("Missing test fixture " + what + ": " + howToGetIt + ". " + CI_VARIABLE
                    + "=true, so a missing fixture fails instead of skipping the test.");
        }
        Assumptions.abort("Test fixture " + what + " is absent (" + howToGetIt + "); skipped here, fails under "
                + CI_VARIABLE + "=true.");
    }

    /** The full Fashion-MNIST directory ({@code /usr/share/datasets/fashion-mnist}), required. */
    public static Path fashionMnist() {
        return require(location(FASHION_MNIST_PROPERTY, "/usr/share/datasets/fashion-mnist"), FASHION_MNIST_HOW);
    }

    /** ONNX's operator test cases ({@code /usr/share/libonnx-testdata/data/node}), required. */
    public static Path onnxNodeTests() {
        return require(location(ONNX_NODE_TESTS_PROPERTY, "/usr/share/libonnx-testdata/data/node"),
                ONNX_NODE_TESTS_HOW);
    }

    /** One case directory of {@link #onnxNodeTests()}, required (an older package may lack it). */
    public static Path onnxNodeTest(String name) {
        return require(onnxNodeTests().resolve(name), ONNX_NODE_TESTS_HOW + "; a version that has this case");
    }

    /** A file or directory under the workspace's reference data ({@code ../shared/data}), required. */
    public static Path sharedData(String relative) {
        return require(sharedDataDir().resolve(relative).normalize(), SHARED_DATA_HOW);
    }

    /** Where the reference data is expected, whether or not it is there. */
    public static Path sharedDataDir() {
        String override = System.getProperty(SHARED_DATA_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        return repositoryRoot().resolve("../shared/data").normalize();
    }

    /** A file or directory shipped in the repository ({@code samples/...}, {@code assets/...}), required. */
    public static Path shipped(String relative) {
        return require(repositoryRoot().resolve(relative).normalize(), SHIPPED_HOW);
    }

    /**
     * The repository root: the {@code joulebench.home} property surefire sets, else the nearest
     * directory above the working directory holding the Maven wrapper and {@code modules/}.
     */
    public static Path repositoryRoot() {
        String home = System.getProperty("joulebench.home");
        if (home != null && Files.isDirectory(Path.of(home))) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("modules"))) {
                return p;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    private static Path location(String property, String defaultPath) {
        String override = System.getProperty(property);
        return Path.of(override != null && !override.isBlank() ? override : defaultPath);
    }
}
