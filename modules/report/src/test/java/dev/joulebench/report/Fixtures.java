package dev.joulebench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A workspace of real recorded runs (trained, compressed, profiled and compared with the CLI on the shipped samples,
 * model weights left out), copied so a test may change it.
 */
final class Fixtures {
    static final String TRAIN = "20261202-014107-train-bp-dd9b";
    static final String TRAIN_WITH_ACTIVATIONS = "20261202-014140-train-bp-bf13";
    static final String COMPRESS = "20261202-014214-compress-mpo-2c41";
    static final String SENSITIVITY = "20261202-014232-compress-mpo-35ff";
    static final String EVAL = "20261202-021653-eval-djl-9843";
    static final String COMPARISON = "cmp-20261202-014240-a212";

    private Fixtures() {}

    static Path workspace(Path into) {
        try {
            Path source = Path.of(Fixtures.class.getResource("/workspace").toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path to = into.resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
