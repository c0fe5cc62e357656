package dev.joulebench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Variants of recorded runs for tests: a copy under a new id, its run.json edited. */
final class RunEdits {
    private RunEdits() {}

    /** Copies {@code from} to a run named {@code newId} and applies {@code edit} to its run.json. */
    static Path copy(Path workspace, String from, String newId, Consumer<ObjectNode> edit) throws IOException {
        Path src = workspace.resolve("runs").resolve(from);
        Path dst = workspace.resolve("runs").resolve(newId);
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = dst.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        ObjectNode run = (ObjectNode) Json.mapper().readTree(dst.resolve("run.json").toFile());
        run.put("id", newId);
        edit.accept(run);
        Files.writeString(dst.resolve("run.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run));
        return dst;
    }
}
