package dev.joulebench.report.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads compress/summary.json and compress/sensitivity.json of a compress run; null when it has neither. */
final class CompressionReader {
    static final String SUMMARY = "compress/summary.json";
    static final String SENSITIVITY = "compress/sensitivity.json";
    private static final List<String> STAGES = List.of("before", "compressed", "after");

    private CompressionReader() {}

    static CompressionData read(Path dir, JsonNode spec, Map<String, Double> summary) {
        JsonNode doc = JsonLines.document(dir.resolve(SUMMARY));
        JsonNode sens = JsonLines.document(dir.resolve(SENSITIVITY));
        if (doc == null && sens == null) {
            return null;
        }
        String mode = spec == null ? "compress" : spec.path("mode").asText("compress");
        String method = JsonLines.text(doc, "method");
        if (method.isEmpty() && spec != null) {
            method = spec.path("method").asText("");
        }
        List<CompressionData.Layer> layers = new ArrayList<>();
        List<CompressionData.Stage> stages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int healEpochs = 0;
        double healVal = Double.NaN;
        String modelSpec = JsonLines.text(doc, "modelSpec");
        if (modelSpec.isEmpty()) {
            modelSpec = JsonLines.text(sens, "model"); // a profile names the model it read
        }
        if (doc != null) {
            doc.path("layers").forEach(l -> layers.add(layer(l)));
            for (String s : STAGES) {
                JsonNode m = doc.path(s);
                if (m.isObject()) {
                    stages.add(new CompressionData.Stage(s, JsonLines.number(m, "params"), JsonLines.number(m, "bytes"),
                            JsonLines.number(m, "macs"), JsonLines.number(m, "testAccuracy"),
                            JsonLines.number(m, "latencyP50Millis"), JsonLines.number(m, "samplesPerSecond"),
                            summary.getOrDefault("energy/eval-" + s + "_kwh_per_1000_inferences", Double.NaN)));
                }
            }
            doc.path("notes").forEach(n -> notes.add(n.asText()));
            JsonNode heal = doc.path("heal");
            if (heal.isObject()) {
                healEpochs = heal.path("epochsRun").asInt(0);
                healVal = JsonLines.number(heal, "lastValidationAccuracy");
            }
        }
        return new CompressionData(mode, method.replace("mpo-int8", "mpo+int8"), modelSpec, layers, stages, healEpochs,
                healVal, notes, sens == null ? null : sensitivity(sens));
    }

    private static CompressionData.Layer layer(JsonNode l) {
        String name = l.hasNonNull("layer") ? l.get("layer").asText() : l.path("initializer").asText("?");
        String setting;
        if (l.hasNonNull("chi")) {
            setting = "χ=" + l.get("chi").asInt();
        } else if (l.hasNonNull("rank")) {
            setting = "rank=" + l.get("rank").asInt();
        } else if (l.hasNonNull("keepFraction")) {
            setting = String.format(Locale.ROOT, "keep %.3f", l.get("keepFraction").asDouble());
        } else if (l.path("bonds").isArray() && !l.path("bonds").isEmpty()) {
            int max = 0;
            for (JsonNode b : l.get("bonds")) {
                max = Math.max(max, b.asInt());
            }
            setting = "χ=" + max;
        } else {
            setting = l.path("method").asText("-");
        }
        // CompressJob's LayerReport, or OnnxCompressor's Replaced (denseParams, coreParams)
        long pb = l.path("weightParamsBefore").asLong(l.path("denseParams").asLong(0));
        long pa = l.path("weightParamsAfter").asLong(l.path("coreParams").asLong(0));
        return new CompressionData.Layer(name, l.path("inputs").asInt(0), l.path("outputs").asInt(0), setting, pb, pa,
                l.path("bytesBefore").asLong(pb * 4), l.path("bytesAfter").asLong(pa * 4),
                l.path("macsBefore").asLong(0), l.path("macsAfter").asLong(0), JsonLines.number(l, "relativeError"));
    }

    private static CompressionData.Sensitivity sensitivity(JsonNode s) {
        List<String> layers = new ArrayList<>();
        s.path("layers").forEach(l -> layers.add(l.asText()));
        double[] chiValues = JsonLines.doubles(s.path("chis"));
        int[] chis = new int[chiValues.length];
        for (int i = 0; i < chis.length; i++) {
            chis[i] = (int) chiValues[i];
        }
        double[][] acc = new double[layers.size()][];
        long[][] params = new long[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            acc[i] = fit(JsonLines.doubles(s.path("accuracy").path(i)), chis.length);
            double[] p = fit(JsonLines.doubles(s.path("params").path(i)), chis.length);
            params[i] = new long[chis.length];
            for (int j = 0; j < chis.length; j++) {
                params[i][j] = Double.isNaN(p[j]) ? -1 : (long) p[j];
            }
        }
        Map<String, Integer> chosen = new LinkedHashMap<>();
        JsonNode policy = s.path("policy");
        policy.path("chi").fields().forEachRemaining(e -> chosen.put(e.getKey(), e.getValue().asInt()));
        return new CompressionData.Sensitivity(layers, chis, acc, params, JsonLines.number(s, "baselineAccuracy"),
                JsonLines.text(s, "policyGoal"), JsonLines.number(s, "policyTarget"), chosen,
                policy.path("reached").asBoolean(false));
    }

    /** A row of the matrix as long as the χ list; a live run's missing cells are NaN. */
    private static double[] fit(double[] row, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        System.arraycopy(row, 0, out, 0, Math.min(n, row.length));
        return out;
    }
}
