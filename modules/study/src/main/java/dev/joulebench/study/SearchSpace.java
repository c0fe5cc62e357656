package dev.joulebench.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A study's parameters by name, in the spec's order, and how a set of values becomes a trial's run spec. */
public final class SearchSpace {
    private final Map<String, Distribution> distributions;
    private final Map<String, String> fields;

    public SearchSpace(List<Parameter> parameters) {
        Map<String, Distribution> d = new LinkedHashMap<>();
        Map<String, String> f = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            d.put(p.name(), p.distribution());
            if (p.field() != null && !p.field().isBlank()) {
                f.put(p.name(), p.field());
            }
        }
        distributions = Collections.unmodifiableMap(d);
        fields = Collections.unmodifiableMap(f);
    }

    public Map<String, Distribution> distributions() {
        return distributions;
    }

    public Distribution get(String name) {
        return distributions.get(name);
    }

    /**
     * The base spec with {@code values} in it: each parameter's field set, each {@code ${name}} in a string
     * replaced by the value's text. Method options ({@code options.*}) are strings in a spec, so they get the text.
     *
     * @throws IllegalArgumentException if the result is not a valid spec (a wrong field name, say)
     */
    public JobSpec apply(JsonNode base, Map<String, Object> values) {
        ObjectNode spec = base.deepCopy();
        substitute(spec, values);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            set(spec, e.getValue(), values.get(e.getKey()));
        }
        try {
            return Json.mapper().treeToValue(spec, JobSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the base spec with " + values + " is not a run spec: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** The names of parameters that reach neither a field nor a {@code ${name}} of the base spec. */
    public List<String> unused(JsonNode base) {
        String text = base.toString();
        return distributions.keySet().stream()
                .filter(n -> !fields.containsKey(n) && !text.contains("${" + n + "}")).toList();
    }

    /** The text a value takes in a string: whole numbers without ".0". */
    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static void substitute(JsonNode node, Map<String, Object> values) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(new TextNode(fill(e.getValue().asText(), values)));
                } else {
                    substitute(e.getValue(), values);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, new TextNode(fill(a.get(i).asText(), values)));
                } else {
                    substitute(a.get(i), values);
                }
            }
        }
    }

    private static String fill(String s, Map<String, Object> values) {
        String out = s;
        for (Map.Entry<String, Object> v : values.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", text(v.getValue()));
        }
        return out;
    }

    private static void set(ObjectNode spec, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = spec;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                child = node.putObject(parts[i]);
            } else if (!(child instanceof ObjectNode)) {
                throw new IllegalArgumentException("field " + path + ": " + parts[i] + " is not an object in the base spec");
            }
            node = (ObjectNode) child;
        }
        String leaf = parts[parts.length - 1];
        boolean option = parts.length > 1 && "options".equals(parts[0]);
        node.set(leaf, option ? new TextNode(text(value)) : Json.mapper().valueToTree(value));
    }
}
