package dev.joulebench.onnx;

import dev.joulebench.testkit.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The third-party test models in {@code ../shared/data/models} (read in place, never copied into the repo). */
final class SharedModels {
    private SharedModels() {}

    /** The file; when it is absent the test is skipped, or under CI fails, saying where it looked. */
    static Path require(String name) {
        return Fixtures.sharedData("models/" + name);
    }

    /** One libsvm row: label and dense features (1-based indices). */
    record Row(int label, float[] features) {}

    static List<Row> libsvm(Path file, int features) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty()) {
                continue;
            }
            float[] x = new float[features];
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                x[Integer.parseInt(parts[i].substring(0, colon)) - 1] = Float.parseFloat(parts[i].substring(colon + 1));
            }
            rows.add(new Row((int) Float.parseFloat(parts[0]), x));
        }
        return rows;
    }
}
