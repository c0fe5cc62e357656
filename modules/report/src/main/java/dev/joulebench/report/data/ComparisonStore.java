package dev.joulebench.report.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The comparisons of a workspace, found by id, unique prefix or unique suffix as runs are. */
public final class ComparisonStore {
    public static final String PREFIX = "cmp-";
    private final Path dir;

    public ComparisonStore(Path workspace) {
        this.dir = workspace.toAbsolutePath().normalize().resolve("comparisons");
    }

    public Path dir() {
        return dir;
    }

    /** The ids that {@code idOrPart} names (0, 1 or several). */
    public List<String> matches(String idOrPart) {
        if (idOrPart == null || idOrPart.isBlank() || idOrPart.contains("/") || !Files.isDirectory(dir)) {
            return List.of();
        }
        if (Files.isRegularFile(dir.resolve(idOrPart + ".json"))) {
            return List.of(idOrPart);
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(id -> id.startsWith(idOrPart) || id.endsWith(idOrPart)).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The comparison with this exact id; a damaged file is bad input naming it. */
    public Comparison load(String id) {
        Path file = dir.resolve(id + ".json");
        JsonNode doc = JsonLines.document(file);
        if (doc == null || !doc.path("table").isArray()) {
            throw new BadInputException(file + " is not a readable comparison (no \"table\" of runs); run "
                    + "joulebench compare again, or give the run ids instead");
        }
        List<String> runs = new ArrayList<>();
        doc.path("table").forEach(row -> {
            if (row.hasNonNull("run")) {
                runs.add(row.get("run").asText());
            }
        });
        return new Comparison(doc.path("id").asText(id), JsonLines.text(doc, "dataset"), JsonLines.text(doc, "model"),
                runs);
    }
}
