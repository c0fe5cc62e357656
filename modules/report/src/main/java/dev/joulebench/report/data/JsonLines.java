package dev.joulebench.report.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JSON files of a run read leniently: a missing file is empty, a half-written last line (a killed run) is skipped. */
final class JsonLines {
    private JsonLines() {}

    static List<JsonNode> read(Path file) {
        return Json.readLines(file);
    }

    /** A whole JSON file, or null when it is missing or not JSON (a run killed while writing it). */
    static JsonNode document(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    static double number(JsonNode node, String field) {
        return node != null && node.path(field).isNumber() ? node.get(field).asDouble() : Double.NaN;
    }

    static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    static double[] doubles(JsonNode array) {
        if (array == null || !array.isArray()) {
            return new double[0];
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble(Double.NaN);
        }
        return out;
    }
}
