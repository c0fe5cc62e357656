package dev.joulebench.onnx;

import com.google.protobuf.ByteString;
import dev.joulebench.onnx.proto.Onnx.AttributeProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small builders for nodes and attributes of the default ONNX domain. */
public final class Nodes {
    private Nodes() {}

    /** A node of the default domain. */
    public static NodeProto node(String name, String opType, List<String> inputs, List<String> outputs,
                                 AttributeProto... attributes) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).addAllInput(inputs).addAllOutput(outputs);
        if (name != null) {
            b.setName(name);
        }
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return b.build();
    }

    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto intsAttr(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto stringAttr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    /** The named attribute of {@code node}, or null. */
    public static AttributeProto attribute(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static long intAttr(NodeProto node, String name, long fallback) {
        AttributeProto a = attribute(node, name);
        return a == null ? fallback : a.getI();
    }

    public static float floatAttr(NodeProto node, String name, float fallback) {
        AttributeProto a = attribute(node, name);
        return a == null ? fallback : a.getF();
    }

    /** An INTS attribute, or null when absent. */
    public static long[] intsAttr(NodeProto node, String name) {
        AttributeProto a = attribute(node, name);
        return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    public static String stringAttr(NodeProto node, String name, String fallback) {
        AttributeProto a = attribute(node, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }
}
