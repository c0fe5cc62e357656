package dev.joulebench.compress;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.nn.ModelSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path tmp = dir.resolve(weightsFile + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            net.block().saveParameters(out);
        }
        Files.move(tmp, dir.resolve(weightsFile), StandardCopyOption.REPLACE_EXISTING);
        Saved saved = new Saved(CompressedNetwork.FORMAT, net.spec().text(), method, weightsFile, dataset,
                net.classNames(), net.structures());
        Path jsonTmp = dir.resolve(CompressedNetwork.FILE + ".tmp");
        Files.writeString(jsonTmp, Json.write(saved));
        Files.move(jsonTmp, dir.resolve(CompressedNetwork.FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dir.resolve(CompressedNetwork.FILE);
    }

    /** Rebuilds a compressed network saved by {@link #save} and loads its weights. */
    static CompressedNetwork load(Path dir, Device device) throws IOException {
        Path json = dir.resolve(CompressedNetwork.FILE);
        if (!Files.isRegularFile(json)) {
            throw new BadInputException("No compressed model in " + dir + " (expected " + CompressedNetwork.FILE + ")");
        }
        Saved saved = Json.mapper().readValue(Files.readString(json), Saved.class);
        if (!CompressedNetwork.FORMAT.equals(saved.format())) {
            throw new BadInputException(json + " has format '" + saved.format() + "', expected " + CompressedNetwork.FORMAT);
        }
        CompressedNetwork net = new CompressedNetwork(ModelSpec.parse(saved.model()), saved.classNames(), device,
                saved.layers());
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(saved.weightsFile()))))) {
            net.block().loadParameters(net.model().getNDManager(), in);
            return net;
        } catch (MalformedModelException e) {
            net.close();
            throw new BadInputException("Compressed weights in " + dir + " do not fit their structure: "
                    + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
    }
}
