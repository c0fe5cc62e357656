package dev.joulebench.onnx;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.joulebench.core.BadInputException;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.ModelProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.OperatorSetIdProto;
import dev.joulebench.onnx.proto.Onnx.StringStringEntryProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.TypeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Joulebench's own MLP and CNN classifiers as ONNX graphs that compute what {@code Networks} builds:
 * <ul>
 *   <li>mlp: {@code Gemm(transB=1)} per dense layer (DJL keeps weights [out, in]), {@code Relu} between them;</li>
 *   <li>cnn: per block {@code Conv(3x3, pads 1)}, {@code Relu}, {@code MaxPool(2x2, stride 2)}; then
 *       {@code Flatten(axis=1)}, dense layers with {@code Relu}, and a linear output (no BatchNorm: Networks has none).</li>
 * </ul>
 * The MLP takes {@code input [N, features]}; the CNN takes {@code input [N, C, H, W]} (DJL's block takes
 * flattened rows and reshapes them first, which an ONNX user need not do). The output is {@code logits
 * [N, classes]}. Pixels are expected as x/255, recorded in the model's metadata with the spec and class names.
 */
public final class OnnxExporter {
    public static final long IR_VERSION = 8;
    public static final long OPSET = 13;
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";

    private OnnxExporter() {}

    /** Exports the checkpoint in {@code checkpointDir} (a backprop run's model/) to {@code out}, atomically. */
    public static ExportedModel exportCheckpoint(Path checkpointDir, Path out) throws IOException {
        Checkpoint cp = Checkpoint.read(checkpointDir);
        if (!cp.isBackprop()) {
            throw new BadInputException("The checkpoint in " + checkpointDir + " was made by method '" + cp.method()
                    + "' (a layer-local method); only backprop (bp) checkpoints can be exported to ONNX");
        }
        try (Classifier net = Classifier.load(checkpointDir, Device.cpu())) {
            OnnxModel model = export(net, cp.dataset());
            model.write(out);
            return new ExportedModel(out, net.spec(), net.classNames(), model);
        }
    }

    /** The ONNX model of a loaded classifier. */
    public static OnnxModel export(Classifier net, String dataset) {
        ModelSpec spec = net.spec();
        List<Block> layers = new ArrayList<>();
        for (Pair<String, Block> child : net.model().getBlock().getChildren()) {
            layers.add(child.getValue());
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(spec.text());
        String x = INPUT;
        int dense = 0;
        int conv = 0;
        boolean spatial = spec instanceof ModelSpec.Cnn;
        List<Block> weighted = layers.stream().filter(b -> b instanceof Linear || b instanceof Conv2d).toList();
        int expected = spec instanceof ModelSpec.Cnn c ? c.convChannels().size() + c.dense().size() + 1
                : ((ModelSpec.Mlp) spec).sizes().size() - 1;
        if (weighted.size() != expected) {
            throw new IllegalStateException("network of " + spec.text() + " has " + weighted.size()
                    + " weighted layers, expected " + expected);
        }
        for (int i = 0; i < weighted.size(); i++) {
            Block b = weighted.get(i);
            boolean last = i == weighted.size() - 1;
            if (b instanceof Conv2d) {
                String p = "conv" + conv++;
                g.addInitializer(tensor(p + ".weight", param(b, "weight")));
                g.addInitializer(tensor(p + ".bias", param(b, "bias")));
                g.addNode(Nodes.node(p, "Conv", List.of(x, p + ".weight", p + ".bias"), List.of(p + ".out"),
                        Nodes.intsAttr("kernel_shape", 3, 3), Nodes.intsAttr("pads", 1, 1, 1, 1),
                        Nodes.intsAttr("strides", 1, 1)));
                g.addNode(Nodes.node(p + ".relu", "Relu", List.of(p + ".out"), List.of(p + ".act")));
                g.addNode(Nodes.node(p + ".pool", "MaxPool", List.of(p + ".act"), List.of(p + ".pooled"),
                        Nodes.intsAttr("kernel_shape", 2, 2), Nodes.intsAttr("strides", 2, 2)));
                x = p + ".pooled";
            } else {
                if (spatial) {
                    // Networks' batchFlattenBlock: [N, C, H, W] -> [N, C*H*W] in the same row-major order.
                    g.addNode(Nodes.node("flatten", "Flatten", List.of(x), List.of("flat"), Nodes.intAttr("axis", 1)));
                    x = "flat";
                    spatial = false;
                }
                String p = "dense" + dense++;
                g.addInitializer(tensor(p + ".weight", param(b, "weight")));
                g.addInitializer(tensor(p + ".bias", param(b, "bias")));
                String y = last ? OUTPUT : p + ".out";
                g.addNode(Nodes.node(p, "Gemm", List.of(x, p + ".weight", p + ".bias"), List.of(y),
                        Nodes.intAttr("transB", 1)));
                x = y;
                if (!last) {
                    g.addNode(Nodes.node(p + ".relu", "Relu", List.of(y), List.of(p + ".act")));
                    x = p + ".act";
                }
            }
        }
        long[] sample = spec.sampleShape();
        long[] inputShape = new long[sample.length + 1];
        inputShape[0] = -1;
        System.arraycopy(sample, 0, inputShape, 1, sample.length);
        g.addInput(valueInfo(INPUT, inputShape));
        g.addOutput(valueInfo(OUTPUT, new long[] {-1, spec.classes()}));
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("joulebench").setProducerVersion(version())
                .setDocString("Joulebench " + spec.text() + " classifier; input pixels scaled x/255; output logits")
                .setGraph(g);
        m.addMetadataProps(entry("joulebench.model", spec.text()));
        m.addMetadataProps(entry("joulebench.pixel_scale", Checkpoint.PIXEL_SCALE));
        m.addMetadataProps(entry("joulebench.class_names", String.join(",", net.classNames())));
        if (dataset != null) {
            m.addMetadataProps(entry("joulebench.dataset", dataset));
        }
        return new OnnxModel(m.build(), null);
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static String version() {
        Package p = OnnxExporter.class.getPackage();
        return p != null && p.getImplementationVersion() != null ? p.getImplementationVersion() : "dev";
    }

    private static Parameter param(Block b, String name) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue();
            }
        }
        throw new IllegalStateException(b + " has no parameter " + name);
    }

    private static TensorProto tensor(String name, Parameter p) {
        var a = p.getArray();
        return Tensors.floatTensor(name, a.getShape().getShape(), a.toFloatArray());
    }

    private static ValueInfoProto valueInfo(String name, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}
