package dev.joulebench.energy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Energy's copy of testkit's {@code Fixtures.require}: energy cannot depend on testkit (testkit
 * depends on energy for its contract suites), so the rule lives here too. A fixture the tests read
 * but do not create skips the test when absent, and fails it under CI ({@code CI=true}), so a lost
 * asset or reference file cannot pass CI by skipping.
 */
public final class TestFixtures {
    /** How to get the workspace's reference data ({@code ../shared/data}). */
    public static final String SHARED_DATA_HOW = "the workspace's reference data belongs in ../shared/data next to "
            + "the repository (see its README.md; read in place, never copied into the project)";
    /** How to get back a file shipped in the repository. */
    public static final String SHIPPED_HOW = "it is part of the repository: restore it with git checkout";

    private TestFixtures() {}

    /** {@code path} if it exists; otherwise a skip, or under CI a failure, saying {@code howToGetIt}. */
    public static Path require(Path path, String howToGetIt) {
        if (Files.exists(path)) {
            return path;
        }
        String what = path.toAbsolutePath().normalize().toString();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("Missing test fixture " + what + ": " + howToGetIt
                    + ". CI=true, so a missing fixture fails instead of skipping the test.");
        }
        return Assumptions.abort("Test fixture " + what + " is absent (" + howToGetIt
                + "); skipped here, fails under CI=true.");
    }
}
