package dev.joulebench.nn;

import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The files of a checkpoint in a {@code model/} directory, the same for every training method: one
 * weights file per saved epoch ({@code weights-eNNNN.params}) and {@code checkpoint.json} naming it.
 * Both are written through a temporary file and renamed, so a crash never leaves a half checkpoint,
 * and the previous epoch's weights file is deleted once the new JSON points elsewhere.
 */
public final class CheckpointFiles {
    public static final String FILE = "checkpoint.json";

    private CheckpointFiles() {}

    @FunctionalInterface
    public interface WeightsWriter {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    public interface WeightsReader {
        void read(DataInputStream in) throws IOException, MalformedModelException;
    }

    /** Writes the weights and then {@code checkpoint.json} with the header naming them; returns the weights file. */
    public static Path write(Path dir, Checkpoint header, WeightsWriter weights) throws IOException {
        return write(dir, header.epoch(), "weightsFile", weights, header::withWeightsFile);
    }

    /**
     * Reads the weights a checkpoint header names; weights that do not fit the rebuilt network are bad input
     * naming the model.
     */
    public static void readWeights(Path dir, Checkpoint header, WeightsReader reader) throws IOException {
        readWeights(dir.resolve(header.weightsFile()), header.model(), reader);
    }

    private static Path write(Path dir, int epoch, String weightsKey, WeightsWriter weights,
                              Function<String, Object> document) throws IOException {
        Files.createDirectories(dir);
        String weightsFile = String.format(Locale.ROOT, "weights-e%04d.params", epoch);
        AtomicFiles.write(dir.resolve(weightsFile), out -> weights.write(new DataOutputStream(out)));
        Path json = dir.resolve(FILE);
        String old = previousWeights(json, weightsKey);
        AtomicFiles.writeString(json, Json.write(document.apply(weightsFile)));
        if (old != null && !old.equals(weightsFile)) {
            Files.deleteIfExists(dir.resolve(old));
        }
        return dir.resolve(weightsFile);
    }

    /** The weights file an existing checkpoint names; an unreadable one is simply replaced. */
    private static String previousWeights(Path json, String weightsKey) {
        if (!Files.isRegularFile(json)) {
            return null;
        }
        try {
            return Json.mapper().readTree(Files.readString(json)).path(weightsKey).asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code checkpoint.json} of {@code dir}; a missing file or another format is bad input. */
    static JsonNode read(Path dir, String format) throws IOException {
        try {
            JsonNode node = Json.mapper().readTree(Files.readString(dir.resolve(FILE)));
            if (format != null && !format.equals(node.path("format").asText())) {
                throw new BadInputException("Checkpoint in " + dir + " has format '" + node.path("format").asText()
                        + "', expected " + format);
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new BadInputException("No checkpoint in " + dir + " (expected " + FILE
                    + "); give a run that finished training or a model/ directory");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(dir.resolve(FILE) + " is not a readable checkpoint (truncated or not JSON: "
                    + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Reads a weights file; a missing file or weights that do not fit the rebuilt network are bad input naming
     * the model, a file cut short says so with its size.
     */
    public static void readWeights(Path file, String model, WeightsReader reader) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            reader.read(in);
        } catch (EOFException e) {
            // a copy cut short or a disk that filled up: the header names weights the file no longer holds
            throw new IOException("weights file " + file + " is truncated (" + Files.size(file) + " bytes end before "
                    + model + "'s weights do); the checkpoint is damaged: train the model again or restore the file", e);
        } catch (NoSuchFileException e) {
            throw new BadInputException("weights file " + file + " is missing; train the model again or restore it", e);
        } catch (MalformedModelException e) {
            throw new BadInputException("Weights in " + file + " do not fit " + model + ": "
                    + e.getMessage(), e);
        }
    }
}
