package dev.joulebench.app.panes.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the JSON files a run directory holds, which a running job may be writing or replacing meanwhile. */
final class JsonFiles {
    private JsonFiles() {}

    /** The file's JSON, or null when it is absent or cannot be read now (it is read again on the next load). */
    static JsonNode readOrNull(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return null; // a file being replaced is read again on the next load
        }
    }

    /** A JSON array of numbers as doubles; empty when the node is missing or not an array. */
    static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new double[0];
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
