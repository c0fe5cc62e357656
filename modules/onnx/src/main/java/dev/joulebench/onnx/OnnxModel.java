package dev.joulebench.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX model held as its protobuf message. Immutable: edits go through {@link #edit()} and give a new
 * model. Reading keeps unknown fields, so {@link #toBytes()} of an unedited model re-encodes what was read
 * (byte for byte for files written by ONNX's C++ tools, which emit fields in number order like protobuf-java).
 *
 * @param proto     the model message
 * @param directory the directory the model was read from (external tensor data is resolved against it); may be null
 */
public record OnnxModel(ModelProto proto, Path directory) {
    /** Protobuf's default nesting limit (100) is too low for nothing here, but big models need the size limit lifted. */
    private static final int MAX_BYTES = Integer.MAX_VALUE;
    private static final int MAX_PROBLEMS_SHOWN = 5;

    public OnnxModel {
        if (proto == null) {
            throw new IllegalArgumentException("proto is null");
        }
    }

    /**
     * Reads and checks an ONNX file; anything that is not a well-formed model is {@link BadInputException}:
     * a file that is not a regular one (a pipe, a device, a directory), bytes that are not ONNX, and dims or
     * external data references that cannot be right (see {@link #problems()}).
     */
    public static OnnxModel read(Path file) {
        byte[] bytes = ModelFiles.read(file);
        Path dir = file.toAbsolutePath().getParent();
        return parse(bytes, file.toString(), dir);
    }

    /** Parses model bytes; {@code source} names them in error messages. */
    public static OnnxModel parse(byte[] bytes, String source, Path directory) {
        ModelProto proto;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setSizeLimit(MAX_BYTES);
            proto = ModelProto.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (InvalidProtocolBufferException e) {
            throw new BadInputException(source + " is not a readable ONNX model (" + e.getMessage()
                    + "); the file may be truncated or not ONNX at all. Export it again (e.g. torch.onnx.export, tf2onnx)");
        } catch (IOException e) {
            throw new BadInputException("Cannot read ONNX model " + source + ": " + e.getMessage(), e);
        }
        OnnxModel model = new OnnxModel(proto, directory);
        List<String> problems = model.problems();
        if (!problems.isEmpty()) {
            // A hostile file can have a problem per node; the first few say enough.
            String shown = String.join("; ", problems.subList(0, Math.min(MAX_PROBLEMS_SHOWN, problems.size())));
            int more = problems.size() - MAX_PROBLEMS_SHOWN;
            throw new BadInputException(source + " is not a usable ONNX model: " + shown
                    + (more > 0 ? "; and " + more + " more" : ""));
        }
        return model;
    }

    /**
     * Structural problems that make a model unusable: no graph (bytes that are not ONNX often parse as a
     * protobuf message with nothing in it), no IR version, a node input that no node, graph input or
     * initializer produces (e.g. a missing initializer), a graph output that nothing produces, and dims,
     * data or external data references no real model has ({@link ModelChecks}).
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!proto.hasGraph() || proto.getIrVersion() <= 0) {
            problems.add("it has no " + (proto.hasGraph() ? "IR version" : "graph")
                    + " (is it really an .onnx file?)");
            return problems;
        }
        GraphProto g = proto.getGraph();
        if (g.getNodeCount() == 0) {
            problems.add("its graph has no nodes");
        }
        Set<String> known = new LinkedHashSet<>();
        known.add("");
        g.getInputList().forEach(v -> known.add(v.getName()));
        g.getInitializerList().forEach(t -> known.add(t.getName()));
        g.getSparseInitializerList().forEach(t -> known.add(t.getValues().getName()));
        for (NodeProto n : g.getNodeList()) {
            n.getOutputList().forEach(known::add);
        }
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!known.contains(in)) {
                    problems.add("node " + describe(n) + " reads '" + in
                            + "', which no node, graph input or initializer provides (a missing initializer?)");
                }
            }
        }
        for (ValueInfoProto out : g.getOutputList()) {
            if (!known.contains(out.getName())) {
                problems.add("graph output '" + out.getName() + "' is produced by no node");
            }
        }
        problems.addAll(ModelChecks.problems(this));
        return problems;
    }

    static String describe(NodeProto n) {
        return n.getName().isEmpty() ? n.getOpType() + "(" + String.join(",", n.getOutputList()) + ")"
                : "'" + n.getName() + "' (" + n.getOpType() + ")";
    }

    public GraphProto graph() {
        return proto.getGraph();
    }

    /** The serialised model. */
    public byte[] toBytes() {
        return proto.toByteArray();
    }

    /**
     * Writes the model through a temporary file in the same directory and renames it, so a failure never
     * leaves a half-written file at {@code file}.
     */
    public void write(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        // Not Files.createTempFile: its owner-only permissions would stay on the renamed file.
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.write(tmp, toBytes(), java.nio.file.StandardOpenOption.CREATE_NEW);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Initializers by name, in file order. */
    public Map<String, TensorProto> initializers() {
        Map<String, TensorProto> m = new LinkedHashMap<>();
        for (TensorProto t : graph().getInitializerList()) {
            m.put(t.getName(), t);
        }
        return m;
    }

    /** The initializer called {@code name}, or null. */
    public TensorProto initializer(String name) {
        for (TensorProto t : graph().getInitializerList()) {
            if (t.getName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The inputs a caller must feed: graph inputs that are not initializers (models of IR version 3 and
     * older, e.g. early PyTorch exports, list every weight as a graph input too).
     */
    public List<ValueInfoProto> dataInputs() {
        Set<String> inits = initializers().keySet();
        return graph().getInputList().stream().filter(v -> !inits.contains(v.getName())).toList();
    }

    public List<ValueInfoProto> outputs() {
        return graph().getOutputList();
    }

    /** The opset version of the default ONNX domain ("" or "ai.onnx"), or 0 when the model declares none. */
    public long defaultOpset() {
        return proto.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(o -> o.getVersion()).max().orElse(0);
    }

    /** A builder for changed copies of this model. */
    public GraphEditor edit() {
        return new GraphEditor(this);
    }
}
