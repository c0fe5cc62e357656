package dev.joulebench.report.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How the specs of several runs differ: each field flattened to a path ({@code options.threshold}) and compared. */
public final class SpecDiff {
    private SpecDiff() {}

    /** One spec field and its value in each run (in run order; "" where a run's spec lacks it). */
    public record Field(String path, List<String> values) {
        public boolean same() {
            return new LinkedHashSet<>(values).size() == 1;
        }
    }

    public static List<Field> fields(List<JobSpec> specs) {
        List<Map<String, String>> flat = specs.stream().map(SpecDiff::flatten).toList();
        Set<String> paths = new LinkedHashSet<>();
        flat.forEach(m -> paths.addAll(m.keySet()));
        List<Field> out = new ArrayList<>();
        for (String p : paths) {
            out.add(new Field(p, flat.stream().map(m -> m.getOrDefault(p, "")).toList()));
        }
        return out;
    }

    /** The spec as JSON without its seed: what decides whether two runs repeat the same experiment. */
    public static String withoutSeed(JobSpec spec) {
        Map<String, String> m = flatten(spec);
        m.remove("seed");
        return m.toString();
    }

    static Map<String, String> flatten(JobSpec spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec != null) {
            flatten("", Json.mapper().valueToTree(spec), out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            if (node.isEmpty() && !prefix.isEmpty()) {
                out.put(prefix, "{}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }
}
