package dev.joulebench.cli;

import ai.djl.Device;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.onnx.GraphSummary;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.train.SavedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Show what is inside a model (an ONNX file or a Joulebench run).",
            "Inputs and outputs with shapes and types, opsets, nodes by operator, initializers, parameter",
            "count and bytes, and multiply-accumulates per sample for Gemm/MatMul/Conv.",
            "A Joulebench run or checkpoint is shown as the ONNX graph `joulebench export` would write."})
final class InspectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE.onnx|RUN|DIR",
            description = "An .onnx file, or a run id (or unique part) or checkpoint directory.")
    String model;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> checkpointInfo = null;
        GraphSummary summary;
        if (model.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            OnnxModel onnx = OnnxModel.read(Path.of(model));
            try {
                summary = GraphSummary.of(onnx);
            } catch (BadInputException e) {
                // The summary's messages name a node or tensor; say which file it is in.
                throw new BadInputException(model + ": " + e.getMessage(), e);
            }
        } else {
            SavedModel saved = SavedModel.resolve(model, new RunStore(common.workspace()));
            Checkpoint cp = Checkpoint.read(saved.checkpointDir());
            checkpointInfo = new LinkedHashMap<>();
            checkpointInfo.put("checkpoint", saved.checkpointDir().toAbsolutePath().toString());
            checkpointInfo.put("method", cp.method());
            checkpointInfo.put("model", cp.model());
            checkpointInfo.put("dataset", cp.dataset());
            if (cp.split() != null) {
                checkpointInfo.put("split", cp.split().trainCount() + " train / " + cp.split().validationCount()
                        + " validation (seed " + cp.split().seed() + ")");
            }
            checkpointInfo.put("epoch", cp.epoch());
            checkpointInfo.put("validation_accuracy", cp.validationAccuracy());
            checkpointInfo.put("parameters", cp.modelSpec().parameterCount());
            if (!cp.isBackprop()) {
                return printCheckpointOnly(checkpointInfo);
            }
            TorchEngine.get();
            try (Classifier net = Classifier.load(saved.checkpointDir(), Device.cpu())) {
                summary = GraphSummary.of(OnnxExporter.export(net, cp.dataset()));
            }
        }
        if (common.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (checkpointInfo != null) {
                r.put("checkpoint", checkpointInfo);
            }
            r.put("graph", summary);
            System.out.println(Json.write(r));
            return ExitCodes.OK;
        }
        if (checkpointInfo != null) {
            printCheckpoint(checkpointInfo);
            System.out.println("As ONNX (joulebench export):");
        }
        System.out.print(summary.toText());
        return ExitCodes.OK;
    }

    private int printCheckpointOnly(Map<String, Object> info) {
        if (common.json) {
            System.out.println(Json.write(Map.of("checkpoint", info)));
        } else {
            printCheckpoint(info);
            System.out.println("This checkpoint was made by a layer-local method; only backprop (bp) "
                    + "checkpoints have an ONNX graph.");
        }
        return ExitCodes.OK;
    }

    private static void printCheckpoint(Map<String, Object> info) {
        info.forEach((k, v) -> {
            if (v != null) {
                System.out.printf(Locale.ROOT, "%-20s %s%n", k, v instanceof Long l ? String.format(Locale.ROOT, "%,d", l) : v);
            }
        });
    }
}
