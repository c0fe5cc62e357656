package dev.joulebench.app.panes.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A compress run read back for its panes: run.json (spec and summary keys), compress/summary.json (the
 * per-layer table and the before/compressed/after measurements, as the compress module's CompressJob and
 * OnnxCompressJob write them) and compress/sensitivity.json (SensitivityProfile's layers × χ matrix and
 * policy). A missing file is an empty part: a live run has only some of them.
 *
 * @param id          run id
 * @param status      run.json status, "" when unknown
 * @param mode        compress or sensitivity
 * @param method      mpo, lowrank, prune, int8 or mpo+int8
 * @param dataset     dataset name
 * @param modelSpec   the compressed model's spec (mlp:…) or the model named in the spec
 * @param summary     run.json summary, or the partial figures of summary.json while the run goes on
 * @param layers      per-layer rows of summary.json
 * @param healEpochs  epochs healed (from summary.json), 0 when none
 * @param healValAccuracy validation accuracy after healing, NaN when not healed
 * @param sensitivity the sensitivity matrix, or null (compress mode, or not written yet)
 */
public record CompressionReport(String id, String status, String mode, String method, String dataset,
                                String modelSpec, Map<String, Double> summary, List<Layer> layers, int healEpochs,
                                double healValAccuracy, SensitivityMatrix sensitivity) {
    public static final String SUMMARY_JSON = "compress/summary.json";
    public static final String SENSITIVITY_JSON = "compress/sensitivity.json";
    private static final double JOULES_PER_KWH = 3.6e6;

    /**
     * One layer of summary.json; figures count the weight only (the bias stays dense).
     *
     * @param setting chi=8, rank=16, keep=0.200 or "-"
     */
    public record Layer(String layer, int inputs, int outputs, String setting, long paramsBefore, long paramsAfter,
                        long bytesBefore, long bytesAfter, long macsBefore, long macsAfter, double relativeError) {
        public String shape() {
            return inputs + "×" + outputs;
        }

        public double paramsRatio() {
            return paramsBefore == 0 ? Double.NaN : (double) paramsAfter / paramsBefore;
        }
    }

    /**
     * One line of the before/after table.
     *
     * @param change "×0.256" for sizes and costs, "−0.74 pt" for accuracy; "" when either side is missing
     */
    public record Row(String metric, String before, String after, String change) {}

    public CompressionReport {
        summary = Map.copyOf(summary);
        layers = List.copyOf(layers);
    }

    public boolean isSensitivity() {
        return "sensitivity".equals(mode);
    }

    /** Whether {@code runDir}'s run.json says it is a compress run. */
    public static boolean isCompressRun(Path runDir) {
        JsonNode run = JsonFiles.readOrNull(runDir.resolve(RecordedRun.RUN_JSON));
        return run != null && "compress".equals(run.path("kind").asText(""));
    }

    public static CompressionReport read(Path runDir) {
        JsonNode run = JsonFiles.readOrNull(runDir.resolve(RecordedRun.RUN_JSON));
        JsonNode spec = run == null ? null : run.path("spec");
        String id = run != null && run.hasNonNull("id") ? run.get("id").asText() : runDir.getFileName().toString();
        String status = run == null ? "" : run.path("status").asText("");
        String mode = spec == null ? "compress" : spec.path("mode").asText("compress");
        String method = spec == null ? "" : spec.path("method").asText("").replace("mpo-int8", "mpo+int8");
        String dataset = spec == null ? "" : spec.path("dataset").asText("");
        String model = spec == null ? "" : spec.path("model").asText("");
        Map<String, Double> summary = new LinkedHashMap<>();
        if (run != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = run.path("summary").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) {
                    summary.put(e.getKey(), e.getValue().asDouble());
                }
            }
        }
        JsonNode doc = JsonFiles.readOrNull(runDir.resolve(SUMMARY_JSON));
        List<Layer> layers = new ArrayList<>();
        int healEpochs = 0;
        double healVal = Double.NaN;
        if (doc != null) {
            if (!doc.path("modelSpec").asText("").isEmpty()) {
                model = doc.get("modelSpec").asText();
            }
            for (JsonNode l : doc.path("layers")) {
                layers.add(layer(l));
            }
            // while the run goes on, run.json has no summary yet: take the measured stages from the file
            for (String stage : List.of("before", "compressed", "after")) {
                JsonNode m = doc.path(stage);
                if (m.isObject() && !summary.containsKey(stage + "/test_accuracy")) {
                    putMeasurement(summary, stage, m);
                }
            }
            JsonNode heal = doc.path("heal");
            if (heal.isObject()) {
                healEpochs = heal.path("epochsRun").asInt(0);
                healVal = heal.path("lastValidationAccuracy").isNumber() ? heal.get("lastValidationAccuracy").asDouble()
                        : Double.NaN;
            }
        }
        JsonNode sens = JsonFiles.readOrNull(runDir.resolve(SENSITIVITY_JSON));
        return new CompressionReport(id, status, mode, method, dataset, model, summary, layers, healEpochs, healVal,
                sens == null ? null : SensitivityMatrix.of(sens));
    }

    /** The report with {@code sensitivity} replaced (live profiling points). */
    public CompressionReport withSensitivity(SensitivityMatrix s) {
        return new CompressionReport(id, status, mode, method, dataset, modelSpec, summary, layers, healEpochs,
                healValAccuracy, s);
    }

    /** An empty report of a run that has just started. */
    public static CompressionReport started(String id, String mode, String method) {
        return new CompressionReport(id, "running", mode, method, "", "", Map.of(), List.of(), 0, Double.NaN, null);
    }

    /** Parameters, bytes, MACs, test accuracy, latency and energy per 1,000 inferences, before and after. */
    public List<Row> beforeAfter() {
        String after = summary.containsKey("after/params") || summary.containsKey("after/test_accuracy") ? "after"
                : "compressed";
        List<Row> rows = new ArrayList<>();
        rows.add(ratioRow("Parameters", get("before/params"), get(after + "/params"), CompressionReport::count));
        Double bytesBefore = first("before/bytes", "before/file_bytes");
        Double bytesAfter = first(after + "/bytes", after + "/file_bytes");
        rows.add(ratioRow("Size", bytesBefore, bytesAfter, CompressionReport::bytes));
        rows.add(ratioRow("MACs / sample", get("before/macs"), get(after + "/macs"), CompressionReport::count));
        Double accBefore = get("before/test_accuracy");
        Double accAfter = get(after + "/test_accuracy");
        rows.add(new Row("Test accuracy", percent(accBefore), percent(accAfter),
                accBefore == null || accAfter == null ? "" : signedPoints((accAfter - accBefore) * 100)));
        rows.add(ratioRow("Latency p50 / batch", first("before/latency_p50_ms", "before/latency_ms"),
                first(after + "/latency_p50_ms", after + "/latency_ms"),
                v -> String.format(Locale.ROOT, "%.3g ms", v)));
        rows.add(ratioRow("Energy / 1,000 inferences", joules(get("energy/eval-before_kwh_per_1000_inferences")),
                joules(get("energy/eval-" + after + "_kwh_per_1000_inferences")), CompressionReport::energy));
        return rows;
    }

    /** RMT-KD's "2 of 3 layers cut, distilled 6 epochs in all", from run.json's summary; "" before it ends. */
    public String distillCaption() {
        Double cuts = get("rmtkd/cuts");
        Double analysed = get("rmtkd/layers_analysed");
        Double epochs = get("distill/epochs");
        if (cuts == null || analysed == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%d of %d layers cut%s", Math.round(cuts), Math.round(analysed),
                epochs == null ? "" : ", distilled " + Math.round(epochs) + " epoch" + (Math.round(epochs) == 1 ? "" : "s")
                        + " in all");
    }

    /** "healed 1 epoch: validation 87.65 %", or "" when not healed. */
    public String healCaption() {
        if (healEpochs <= 0) {
            return "";
        }
        Double compressed = get("compressed/test_accuracy");
        return String.format(Locale.ROOT, "healed %d epoch%s%s%s", healEpochs, healEpochs == 1 ? "" : "s",
                Double.isNaN(healValAccuracy) ? "" : ": validation " + percent(healValAccuracy),
                compressed == null ? "" : "; test accuracy before healing " + percent(compressed));
    }

    private Double get(String key) {
        Double v = summary.get(key);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    private Double first(String a, String b) {
        Double v = get(a);
        return v != null ? v : get(b);
    }

    private static Double joules(Double kwh) {
        return kwh == null ? null : kwh * JOULES_PER_KWH;
    }

    private static Row ratioRow(String metric, Double before, Double after,
                                java.util.function.DoubleFunction<String> format) {
        String ratio = before == null || after == null || before == 0 ? ""
                : String.format(Locale.ROOT, "×%.3g", after / before);
        return new Row(metric, before == null ? "" : format.apply(before), after == null ? "" : format.apply(after),
                ratio);
    }

    /** "+0.52 pt" / "−0.52 pt"; a change that rounds to zero is "+0.00 pt". */
    static String signedPoints(double points) {
        double rounded = Math.round(points * 100) / 100.0 + 0.0;
        return String.format(Locale.ROOT, "%+.2f pt", rounded).replace('-', '−');
    }

    static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    static String bytes(double b) {
        if (b >= 1e6) {
            return String.format(Locale.ROOT, "%.2f MB", b / 1e6);
        }
        if (b >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    static String energy(double joules) {
        return joules >= 1 ? String.format(Locale.ROOT, "%.3g J", joules)
                : String.format(Locale.ROOT, "%.3g mJ", joules * 1000);
    }

    static String percent(Double fraction) {
        return fraction == null ? "" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    private static void putMeasurement(Map<String, Double> summary, String stage, JsonNode m) {
        Map<String, String> keys = Map.of("params", "params", "bytes", "bytes", "macs", "macs", "testAccuracy",
                "test_accuracy", "latencyP50Millis", "latency_p50_ms");
        keys.forEach((json, key) -> {
            if (m.path(json).isNumber()) {
                summary.put(stage + "/" + key, m.get(json).asDouble());
            }
        });
    }

    /** A summary.json layer row: CompressJob's LayerReport, or OnnxCompressor's Replaced (initializer, denseParams, coreParams). */
    private static Layer layer(JsonNode l) {
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
        long pb = l.path("weightParamsBefore").asLong(l.path("denseParams").asLong(0));
        long pa = l.path("weightParamsAfter").asLong(l.path("coreParams").asLong(0));
        return new Layer(name, l.path("inputs").asInt(0), l.path("outputs").asInt(0), setting, pb, pa,
                l.path("bytesBefore").asLong(pb * 4), l.path("bytesAfter").asLong(pa * 4),
                l.path("macsBefore").asLong(0), l.path("macsAfter").asLong(0),
                l.path("relativeError").asDouble(Double.NaN));
    }
}
