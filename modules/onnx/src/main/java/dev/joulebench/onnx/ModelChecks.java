package dev.joulebench.onnx;

import dev.joulebench.onnx.proto.Onnx.AttributeProto;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.SparseTensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model declares, checked before anything computes with it, since every number comes from the file.
 * Tensors (initializers, sparse initializers and node attributes, subgraphs included, since ONNX Runtime loads
 * those too): no negative dim, no size past 64 bits, inline data holding exactly the declared values, and
 * external data that is safe to read. Graph inputs, outputs and value infos: no dim below -1 (-1, 0 and
 * named dims stay dynamic, as exporters write them), and no shape whose bytes overflow a long.
 */
final class ModelChecks {
    private ModelChecks() {}

    static List<String> problems(OnnxModel model) {
        List<String> out = new ArrayList<>();
        GraphProto g = model.graph();
        tensors(g, "", model.directory(), out);
        values("input", g.getInputList(), out);
        values("output", g.getOutputList(), out);
        values("value", g.getValueInfoList(), out);
        return out;
    }

    /** {@code scope} is "" for the main graph, else " in subgraph ..." appended to each name. */
    private static void tensors(GraphProto g, String scope, Path dir, List<String> out) {
        for (TensorProto t : g.getInitializerList()) {
            tensor(t, "initializer '" + t.getName() + "'" + scope, dir, out);
        }
        for (SparseTensorProto s : g.getSparseInitializerList()) {
            sparse(s, "sparse initializer '" + s.getValues().getName() + "'" + scope, dir, out);
        }
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                String where = " of attribute '" + a.getName() + "' of node " + OnnxModel.describe(n) + scope;
                if (a.hasT()) {
                    tensor(a.getT(), "tensor" + where, dir, out);
                }
                for (TensorProto t : a.getTensorsList()) {
                    tensor(t, "tensor '" + t.getName() + "'" + where, dir, out);
                }
                if (a.hasSparseTensor()) {
                    sparse(a.getSparseTensor(), "sparse tensor" + where, dir, out);
                }
                for (SparseTensorProto s : a.getSparseTensorsList()) {
                    sparse(s, "sparse tensor" + where, dir, out);
                }
                String sub = " in the subgraph" + where;
                if (a.hasG()) {
                    tensors(a.getG(), sub, dir, out);
                }
                for (GraphProto graph : a.getGraphsList()) {
                    tensors(graph, sub, dir, out);
                }
            }
        }
    }

    private static void tensor(TensorProto t, String what, Path dir, List<String> out) {
        String problem = Tensors.dimsProblem(t, what);
        if (problem == null && Tensors.isExternal(t)) {
            // Without a folder (a model parsed from bytes) the data is refused when it is read, not here.
            problem = dir == null ? null : ExternalData.problem(t, what, dir);
        } else if (problem == null) {
            problem = Tensors.dataProblem(t, what);
        }
        if (problem != null) {
            out.add(problem);
        }
    }

    private static void sparse(SparseTensorProto s, String what, Path dir, List<String> out) {
        String problem = Tensors.dimsProblem(s.getDimsList(), s.getValues().getDataType(), what);
        if (problem != null) {
            out.add(problem);
        }
        tensor(s.getValues(), "values of " + what, dir, out);
        tensor(s.getIndices(), "indices of " + what, dir, out);
    }

    private static void values(String kind, List<ValueInfoProto> infos, List<String> out) {
        for (ValueInfoProto v : infos) {
            if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
                continue;
            }
            String what = kind + " '" + v.getName() + "'";
            List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
            int type = v.getType().getTensorType().getElemType();
            String shape = "[" + String.join(", ", GraphSummary.value(v).shape()) + "]";
            long bytes = Math.max(1, ElementType.bytes(type));
            try {
                for (int i = 0; i < dims.size(); i++) {
                    long d = dims.get(i).hasDimValue() ? dims.get(i).getDimValue() : -1;
                    if (d < -1) {
                        out.add(what + " has dim " + d + " at axis " + i + " of " + shape + "; a dim is a size"
                                + " (0 or more), or -1 or a name for a dynamic one");
                        break;
                    }
                    if (d > 0) {
                        bytes = Math.multiplyExact(bytes, d);
                    }
                }
            } catch (ArithmeticException e) {
                out.add(what + " declares dims " + shape + ": more than 2^63 bytes of " + ElementType.name(type)
                        + " values, which no tensor holds");
            }
        }
    }
}
