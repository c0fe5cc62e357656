package dev.joulebench.compress;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.nn.ModelSpec;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

/**
 * The files of a compressed model in {@code model/}: {@code compressed.json} (the structure of every replaced
 * layer) and the DJL parameter file beside it, both written through a temporary file and renamed.
 */
final class CompressedModelFiles {
    private CompressedModelFiles() {}

    /** What {@link CompressedNetwork#FILE} holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Saved(String format, String model, String method, String weightsFile, String dataset,
                        List<String> classNames, List<CompressedNetwork.Structure> layers) {}

    /** Writes the structure and weights into {@code dir} ({@link CompressedNetwork#FILE} + a DJL parameter file). */
    static Path save(CompressedNetwork net, Path dir, String method, String dataset) throws IOException {
        Files.createDirectories(dir);
        String weightsFile = "compressed.params";
        AtomicFiles.write(dir.resolve(weightsFile), out -> net.block().saveParameters(new DataOutputStream(out)));
        Saved saved = new Saved(CompressedNetwork.FORMAT, net.spec().text(), method, weightsFile, dataset,
                net.classNames(), net.structures());
        AtomicFiles.writeString(dir.resolve(CompressedNetwork.FILE), Json.write(saved));
        return dir.resolve(CompressedNetwork.FILE);
    }

    /** Rebuilds a compressed network saved by {@link #save} and loads its weights. */
    static CompressedNetwork load(Path dir, Device device) throws IOException {
        Path json = dir.resolve(CompressedNetwork.FILE);
        if (!Files.isRegularFile(json)) {
            throw new BadInputException("No compressed model in " + dir + " (expected " + CompressedNetwork.FILE + ")");
        }
        Saved saved;
        try {
            saved = Json.mapper().readValue(Files.readString(json), Saved.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException(json + " is not a readable compressed model (truncated or not JSON: "
                    + e.getOriginalMessage() + ")", e);
        }
        if (!CompressedNetwork.FORMAT.equals(saved.format())) {
            throw new BadInputException(json + " has format '" + saved.format() + "', expected " + CompressedNetwork.FORMAT);
        }
        CompressedNetwork net = new CompressedNetwork(ModelSpec.parse(saved.model()), saved.classNames(), device,
                saved.layers());
        try {
            dev.joulebench.nn.CheckpointFiles.readWeights(dir.resolve(saved.weightsFile()), saved.model()
                    + " compressed by " + saved.method(), in -> net.block().loadParameters(net.model().getNDManager(), in));
            return net;
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }
}
