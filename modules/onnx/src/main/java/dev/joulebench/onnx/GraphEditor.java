package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.onnx.proto.Onnx.GraphProto;
import dev.joulebench.onnx.proto.Onnx.NodeProto;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a changed copy of an {@link OnnxModel}: replace an initializer's values, add or remove initializers
 * and nodes, or replace a weight initializer by a subgraph that computes a tensor of the same name (e.g. MPO
 * cores contracted by Reshape/Transpose/MatMul). What is not touched keeps its encoding: initializers stay
 * in place, and nodes keep their order, with new nodes placed just before their first consumer.
 */
public final class GraphEditor {
    private final OnnxModel source;
    private final List<TensorProto> initializers;
    private final List<NodeProto> nodes;
    private final Set<String> removedInputs = new HashSet<>();
    private boolean nodesChanged;

    GraphEditor(OnnxModel source) {
        this.source = source;
        this.initializers = new ArrayList<>(source.graph().getInitializerList());
        this.nodes = new ArrayList<>(source.graph().getNodeList());
    }

    private int initializerIndex(String name) {
        for (int i = 0; i < initializers.size(); i++) {
            if (initializers.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private int requireInitializer(String name) {
        int i = initializerIndex(name);
        if (i < 0) {
            throw new BadInputException("The model has no initializer '" + name + "'");
        }
        return i;
    }

    /** New float values for an initializer, in its stored layout; every other field stays as it was. */
    public GraphEditor replaceInitializerValues(String name, float[] values) {
        int i = requireInitializer(name);
        initializers.set(i, Tensors.withFloats(initializers.get(i), values));
        return this;
    }

    /** New values for a dense weight, given in the weight's orientation ({@code [in, out]} for a matrix). */
    public GraphEditor setWeight(DenseWeight weight, float[] values) {
        return replaceInitializerValues(weight.initializer(), weight.toStorage(values));
    }

    /** Appends an initializer; its name must not be in use. */
    public GraphEditor addInitializer(TensorProto tensor) {
        if (isNameInUse(tensor.getName())) {
            throw new IllegalArgumentException("name '" + tensor.getName() + "' is already used in the graph");
        }
        initializers.add(tensor);
        return this;
    }

    /** Removes an initializer (and the graph input of the same name that IR<=3 models declare for it). */
    public GraphEditor removeInitializer(String name) {
        initializers.remove(requireInitializer(name));
        removedInputs.add(name);
        return this;
    }

    /** Adds a node; {@link #build()} places it before the first node that reads one of its outputs. */
    public GraphEditor addNode(NodeProto node) {
        for (String out : node.getOutputList()) {
            if (isNameInUse(out)) {
                throw new IllegalArgumentException("output '" + out + "' of the new " + node.getOpType()
                        + " node is already produced in the graph");
            }
        }
        nodes.add(node);
        nodesChanged = true;
        return this;
    }

    /** Removes the node that produces {@code output}. */
    public GraphEditor removeNodeProducing(String output) {
        boolean removed = nodes.removeIf(n -> n.getOutputList().contains(output));
        if (!removed) {
            throw new BadInputException("No node produces '" + output + "'");
        }
        nodesChanged = true;
        return this;
    }

    /**
     * Replaces the initializer {@code name} by a subgraph: the initializer is removed, {@code newInitializers}
     * are added, and {@code newNodes} must compute a tensor called {@code name} of the same shape, which the
     * original consumers then read unchanged.
     */
    public GraphEditor replaceWithSubgraph(String name, List<TensorProto> newInitializers, List<NodeProto> newNodes) {
        if (newNodes.stream().noneMatch(n -> n.getOutputList().contains(name))) {
            throw new IllegalArgumentException("no new node outputs '" + name + "'");
        }
        removeInitializer(name);
        newInitializers.forEach(this::addInitializer);
        newNodes.forEach(this::addNode);
        return this;
    }

    /** Whether a value, initializer or graph input of this name exists in the edited graph. */
    public boolean isNameInUse(String name) {
        if (initializerIndex(name) >= 0) {
            return true;
        }
        for (NodeProto n : nodes) {
            if (n.getOutputList().contains(name)) {
                return true;
            }
        }
        return source.graph().getInputList().stream()
                .anyMatch(v -> v.getName().equals(name) && !removedInputs.contains(name));
    }

    /** {@code base}, or {@code base_1}, {@code base_2}, ... whichever is free. */
    public String freshName(String base) {
        String name = base;
        for (int i = 1; isNameInUse(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** The edited model, checked for dangling references and put in topological order. */
    public OnnxModel build() {
        GraphProto g = source.graph();
        GraphProto.Builder b = g.toBuilder();
        b.clearInitializer().addAllInitializer(initializers);
        if (!removedInputs.isEmpty()) {
            List<ValueInfoProto> inputs = g.getInputList().stream()
                    .filter(v -> !removedInputs.contains(v.getName()) || initializerIndex(v.getName()) >= 0).toList();
            b.clearInput().addAllInput(inputs);
        }
        if (nodesChanged) {
            b.clearNode().addAllNode(topologicalOrder(nodes, b));
        }
        OnnxModel edited = new OnnxModel(source.proto().toBuilder().setGraph(b).build(), source.directory());
        List<String> problems = edited.problems();
        if (!problems.isEmpty()) {
            throw new BadInputException("The edited model is not valid: " + String.join("; ", problems));
        }
        return edited;
    }

    /**
     * Depth-first order on demand: nodes are visited in list order and each first emits the not yet emitted
     * producers of its inputs. An already sorted list stays exactly as it is, and an appended node lands just
     * before its first consumer.
     */
    static List<NodeProto> topologicalOrder(List<NodeProto> nodes, GraphProto.Builder graph) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String out : nodes.get(i).getOutputList()) {
                if (producer.put(out, i) != null) {
                    throw new BadInputException("Two nodes produce '" + out + "'");
                }
            }
        }
        int[] state = new int[nodes.size()]; // 0 new, 1 on the stack, 2 emitted
        List<NodeProto> order = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            emit(i, nodes, producer, state, order, graph);
        }
        return order;
    }

    private static void emit(int root, List<NodeProto> nodes, Map<String, Integer> producer, int[] state,
                             List<NodeProto> order, GraphProto.Builder graph) {
        if (state[root] == 2) {
            return;
        }
        // Explicit stack: graphs can be deeper than the Java call stack.
        java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
        stack.push(new int[] {root, 0});
        state[root] = 1;
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            NodeProto n = nodes.get(top[0]);
            if (top[1] < n.getInputCount()) {
                Integer p = producer.get(n.getInput(top[1]++));
                if (p == null || p == top[0] || state[p] == 2) {
                    continue;
                }
                if (state[p] == 1) {
                    throw new BadInputException("The graph '" + graph.getName() + "' has a cycle through "
                            + OnnxModel.describe(nodes.get(p)));
                }
                state[p] = 1;
                stack.push(new int[] {p, 0});
            } else {
                stack.pop();
                state[top[0]] = 2;
                order.add(n);
            }
        }
    }
}
