package dev.joulebench.nn;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.store.SplitRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code model/checkpoint.json} says about the weights beside it, the same header for every
 * training method: which method and model, the classes, the dataset and the exact split it trained on,
 * the epoch, the versions that wrote it; plus a method-specific {@code payload} (Forward-Forward's
 * thresholds, Cascaded-Forward's variant, ...). Written and read only through {@link CheckpointFiles}.
 *
 * @param version            {@link #VERSION}; a file without one was written by an older Joulebench
 * @param method             the training method that wrote it: bp, ff, mf, cafo
 * @param model              the architecture in the model grammar, as the method reads it
 * @param classes            number of classes the model predicts
 * @param split              the train/validation split of the training data (null when unknown)
 * @param epoch              0-based epoch the weights come from
 * @param validationAccuracy validation accuracy of that epoch (null without a validation split)
 * @param pixelScale         inputs are pixel/255 in [0, 1]
 * @param weightsFile        the parameter file in the same directory (set by {@link CheckpointFiles#write})
 * @param versions           joulebench, djl and pytorch versions that wrote the file
 * @param payload            the method's own fields (an empty object for bp)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(Integer version, String method, String model, int classes, List<String> classNames,
                         String dataset, SplitRecord split, int epoch, Double validationAccuracy, String pixelScale,
                         String weightsFile, Map<String, String> versions, JsonNode payload) {
    public static final int VERSION = 1;
    public static final String PIXEL_SCALE = "x/255";
    public static final String BACKPROP = "bp";

    public Checkpoint {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        versions = versions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /** A header for weights about to be written (the weights file is named when they are). */
    public static Checkpoint of(String method, String model, List<String> classNames, String dataset,
                                SplitRecord split, int epoch, Double validationAccuracy, Object payload) {
        JsonNode node = payload == null ? null : Json.mapper().valueToTree(payload);
        return new Checkpoint(VERSION, method, model, classNames.size(), classNames, dataset, split, epoch,
                validationAccuracy, PIXEL_SCALE, null, currentVersions(), node);
    }

    public Checkpoint withWeightsFile(String file) {
        return new Checkpoint(version, method, model, classes, classNames, dataset, split, epoch, validationAccuracy,
                pixelScale, file, versions, payload);
    }

    @JsonIgnore
    public ModelSpec modelSpec() {
        return ModelSpec.parse(model);
    }

    @JsonIgnore
    public boolean isBackprop() {
        return BACKPROP.equals(method);
    }

    /** The method's payload as its own record type. */
    public <T> T payload(Class<T> type) {
        try {
            return Json.mapper().treeToValue(payload, type);
        } catch (IOException e) {
            throw new BadInputException("Checkpoint payload of method " + method + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** The checkpoint header in {@code dir}; a missing file or one written by an older Joulebench is bad input. */
    public static Checkpoint read(Path dir) throws IOException {
        JsonNode node = CheckpointFiles.read(dir, null);
        if (!node.hasNonNull("version") || !node.hasNonNull("method")) {
            throw new BadInputException("Checkpoint in " + dir + " was written by an older Joulebench (format '"
                    + node.path("format").asText("?") + "', no header version): train the model again");
        }
        if (node.path("version").asInt() > VERSION) {
            throw new BadInputException("Checkpoint in " + dir + " has header version " + node.path("version").asInt()
                    + ", newer than this build reads (" + VERSION + "): update Joulebench");
        }
        return Json.mapper().treeToValue(node, Checkpoint.class);
    }

    /** Reads the header in {@code dir} and refuses one another method wrote. */
    public static Checkpoint read(Path dir, String method) throws IOException {
        Checkpoint cp = read(dir);
        if (!method.equals(cp.method())) {
            throw new BadInputException("Checkpoint in " + dir + " was written by method '" + cp.method()
                    + "', expected '" + method + "'");
        }
        return cp;
    }

    static Map<String, String> currentVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("joulebench", ProvenanceCollector.joulebenchVersion());
        v.put("djl", Engine.getDjlVersion());
        v.put("pytorch", TorchEngine.get().getVersion());
        return v;
    }
}
