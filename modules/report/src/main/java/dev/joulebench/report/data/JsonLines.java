package dev.joulebench.report.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** JSON files of a run read leniently: a missing file is empty, a half-written last line (a killed run) is skipped. */
final class JsonLines {
    private JsonLines() {}

    static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(Json.mapper().readTree(line));
                } catch (IOException e) {
                    // the half line a killed writer leaves
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
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
