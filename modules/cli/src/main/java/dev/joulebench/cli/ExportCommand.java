package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.onnx.ExportedModel;
import dev.joulebench.onnx.GraphSummary;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.train.SavedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Export a backprop-trained Joulebench model (mlp: or cnn:) to ONNX.",
            "The file is written through a temporary file and renamed, so a failure leaves nothing half-written. The model takes",
            "pixels scaled x/255 (MLP: [N, features], CNN: [N, C, H, W]) and outputs logits [N, classes]."},
        footerHeading = "%nExamples:%n",
        footer = {"  joulebench export --model 3f2a",
            "  joulebench export --model runs/20260101-120000-train-bp-3f2a --out mlp.onnx"})
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN|DIR", description = "Run id (or unique part) or checkpoint directory.")
    String model;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write; a folder gets model.onnx inside it (default <run>/model/model.onnx).")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = SavedModel.resolve(model, new RunStore(common.workspace()));
        Path target = out != null ? OutputFiles.target("--out", out, "model.onnx") : saved.checkpointDir().resolve("model.onnx");
        TorchEngine.get();
        ExportedModel exported = OnnxExporter.exportCheckpoint(saved.checkpointDir(), target);
        GraphSummary s = GraphSummary.of(exported.model());
        if (common.json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", target.toAbsolutePath().toString());
            r.put("model", exported.spec().text());
            r.put("classes", exported.classNames());
            r.put("parameters", s.parameterCount());
            r.put("bytes", s.parameterBytes());
            r.put("macs_per_sample", s.totalMacs());
            System.out.println(Json.write(r));
        } else {
            System.out.printf(Locale.ROOT, "exported %s (%,d parameters, %,d MACs per sample) to %s%n",
                    exported.spec().text(), s.parameterCount(), s.totalMacs(), target.toAbsolutePath());
            System.out.println("input '" + OnnxExporter.INPUT + "' " + s.inputs().get(0).shape() + " pixels x/255, output '"
                    + OnnxExporter.OUTPUT + "' logits");
        }
        return ExitCodes.OK;
    }
}
