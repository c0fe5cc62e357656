package dev.joulebench.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing fixture skips a developer's test and fails CI's; a present one is simply returned. */
class FixturesTest {
    @TempDir
    Path dir;

    @Test
    void missingFixtureFailsUnderCiSayingHowToGetIt() {
        assertThatThrownBy(() -> Fixtures.require(false, "/usr/share/datasets/fashion-mnist", "apt-get install x", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Missing test fixture /usr/share/datasets/fashion-mnist")
                .hasMessageContaining("apt-get install x").hasMessageContaining("CI=true");
    }

    @Test
    void missingFixtureSkipsElsewhere() {
        assertThatThrownBy(() -> Fixtures.require(false, "models/tiny.onnx", "see README", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("models/tiny.onnx is absent").hasMessageContaining("see README");
    }

    @Test
    void presentFixtureIsReturnedWhateverTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("data.csv"), "x\n");
        assertThat(Fixtures.require(file, "unused")).isEqualTo(file);
        assertThat(Fixtures.require(dir, "unused")).isEqualTo(dir);
        assertThatCode(() -> Fixtures.require(true, "x", "unused", true)).doesNotThrowAnyException();
    }

    @Test
    void pathRequirementFollowsTheCiVariableOfThisRun() {
        Path nowhere = dir.resolve("nowhere");
        Class<? extends Throwable> expected = Fixtures.onCi() ? AssertionFailedError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Fixtures.require(nowhere, "how")).isInstanceOf(expected)
                .hasMessageContaining(nowhere.toString());
    }

    @Test
    void locationsCanBeMovedByProperty() {
        String before = System.getProperty(Fixtures.SHARED_DATA_PROPERTY);
        System.setProperty(Fixtures.SHARED_DATA_PROPERTY, dir.toString());
        try {
            assertThat(Fixtures.sharedDataDir()).isEqualTo(dir.toAbsolutePath());
        } finally {
            if (before == null) {
                System.clearProperty(Fixtures.SHARED_DATA_PROPERTY);
            } else {
                System.setProperty(Fixtures.SHARED_DATA_PROPERTY, before);
            }
        }
    }

    @Test
    void repositoryRootHoldsTheShippedSamples() {
        assertThat(Fixtures.repositoryRoot().resolve("samples")).isDirectory();
        assertThat(Fixtures.shipped("samples")).isDirectory();
    }
}
