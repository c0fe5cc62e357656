package dev.joulebench.core.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceCollectorTest {
    private static final String SHA_MAIN = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA_OTHER = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tmp;

    private Path git() throws Exception {
        return Files.createDirectories(tmp.resolve(".git"));
    }

    @Test
    void headOnABranchWithALooseRef() throws Exception {
        Path git = git();
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/main"), SHA_MAIN + "\n");
        // a packed entry that the loose ref overrides
        Files.writeString(git.resolve("packed-refs"), SHA_OTHER + " refs/heads/main\n");

        assertThat(ProvenanceCollector.readHead(git)).contains(SHA_MAIN);
    }

    @Test
    void headOnABranchWithOnlyPackedRefs() throws Exception {
        Path git = git();
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("packed-refs"), String.join("\n",
                "# pack-refs with: peeled fully-peeled sorted ",
                SHA_OTHER + " refs/heads/feature/main",
                SHA_MAIN + " refs/heads/main",
                "^" + SHA_OTHER,
                SHA_OTHER + " refs/tags/v1") + "\n");

        assertThat(ProvenanceCollector.readHead(git)).contains(SHA_MAIN);
    }

    @Test
    void detachedHead() throws Exception {
        Path git = git();
        Files.writeString(git.resolve("HEAD"), SHA_MAIN + "\n");
        assertThat(ProvenanceCollector.readHead(git)).contains(SHA_MAIN);
    }

    @Test
    void unbornBranchOrMissingHeadGivesNothing() throws Exception {
        Path git = git();
        assertThat(ProvenanceCollector.readHead(git)).isEmpty();
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        assertThat(ProvenanceCollector.readHead(git)).isEmpty();
        Files.writeString(git.resolve("packed-refs"), SHA_OTHER + " refs/heads/other\n");
        assertThat(ProvenanceCollector.readHead(git)).isEmpty();
    }

    @Test
    void collectDescribesThisMachineAndJvm() {
        Provenance p = new ProvenanceCollector(List.of()).collect(123);
        assertThat(p.seed()).isEqualTo(123);
        assertThat(p.joulebenchVersion()).isNotBlank();
        assertThat(p.hardware().cpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors()).isPositive();
        assertThat(p.hardware().cpuModel()).isNotBlank();
        assertThat(p.hardware().gpus()).isEmpty();
        assertThat(p.software().os()).isEqualTo(System.getProperty("os.name"));
        assertThat(p.software().javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.software().arch()).isEqualTo(System.getProperty("os.arch"));
        assertThat(p.settings()).isEmpty();
    }

    @Test
    void contributorsAddLibrariesAndGpusAndAFailingOneIsSkipped() {
        ProvenanceContributor djl = new ProvenanceContributor() {
            @Override
            public Map<String, String> libraries() {
                return Map.of("djl", "0.36.0");
            }

            @Override
            public List<String> gpus() {
                return List.of("NVIDIA H100");
            }
        };
        ProvenanceContributor broken = () -> {
            throw new IllegalStateException("native library missing");
        };
        ProvenanceContributor linkage = () -> {
            throw new UnsatisfiedLinkError("no libnvidia-ml");
        };
        ProvenanceContributor ort = () -> Map.of("onnxruntime", "1.21.1");

        Provenance p = new ProvenanceCollector(List.of(djl, broken, linkage, ort)).collect(1);

        assertThat(p.libraries()).containsExactly(Map.entry("djl", "0.36.0"), Map.entry("onnxruntime", "1.21.1"));
        assertThat(p.hardware().gpus()).containsExactly("NVIDIA H100");
    }

    @Test
    void withSettingsReplacesOnlyTheSettings() {
        Provenance p = new ProvenanceCollector(List.of()).collect(5);
        Provenance q = p.withSettings(Map.of("device", "cpu"));
        assertThat(q.settings()).containsExactly(Map.entry("device", "cpu"));
        assertThat(q.hardware()).isEqualTo(p.hardware());
        assertThat(q.seed()).isEqualTo(5);
    }
}
