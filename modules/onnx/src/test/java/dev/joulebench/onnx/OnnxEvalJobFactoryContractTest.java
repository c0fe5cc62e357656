package dev.joulebench.onnx;

import ai.djl.Device;
import dev.joulebench.core.Json;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.testkit.contract.JobFactoryContract;
import dev.joulebench.testkit.data.IdxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ONNX eval factory's checks: CPU only, the file, the dataset's fit, and which splits are known. */
class OnnxEvalJobFactoryContractTest extends JobFactoryContract {
    private Path loose;
    private Path inRun;
    private Path small;

    @Override
    protected JobFactory factory() {
        return new OnnxEvalJobFactory();
    }

    @Override
    protected void prepare() throws Exception {
        TorchEngine.configure(5, 1);
        ImageDataset train = DatasetCatalog.system().load("samples").train();
        Path checkpoint = workspace.resolve("checkpoint");
        try (Classifier net = new Classifier(ModelSpec.parse("mlp:784-8-10"), train.classNames(), Device.cpu())) {
            net.initializeParameters();
            net.save(checkpoint, "samples", 0, null);
        }
        loose = workspace.resolve("loose.onnx");
        OnnxExporter.exportCheckpoint(checkpoint, loose);
        // an ONNX file exported into a training run's model/ directory, whose run.json records the split
        Path run = Files.createDirectories(workspace.resolve("runs").resolve("20260101-000000-train-bp-abcd"));
        SplitRecord split = TrainValidationSplit.of(train, 0.2, 3, 500).record();
        RunRecord record = new RunRecord("20260101-000000-train-bp-abcd", "train", "bp", RunStatus.FINISHED,
                "2026-01-01T00:00:00Z", null, null, null, null, null, null, Map.of()).withReport(SplitRecord.SECTION,
                split);
        Files.writeString(run.resolve("run.json"), Json.write(record));
        inRun = Files.createDirectories(run.resolve("model")).resolve("model.onnx");
        Files.copy(loose, inRun);
        small = IdxFiles.writeDataset(workspace.resolve("small"), 40, 10, 8, 8, 4, true);
    }

    private EvalSpec.Builder eval(Path model) {
        return EvalSpec.builder().model(model.toString()).dataset("samples").device("cpu").threads(1);
    }

    @Override
    protected List<JobSpec> goodSpecs() {
        return List.of(eval(loose).build(), eval(inRun).split("validation").build(), eval(inRun).split("train").build(),
                eval(loose).device("auto").build());
    }

    @Override
    protected Map<JobSpec, List<String>> badSpecs() {
        Map<JobSpec, List<String>> bad = new LinkedHashMap<>();
        bad.put(eval(loose).device("gpu").build(), List.of("device"));
        bad.put(eval(workspace.resolve("missing.onnx")).build(), List.of("model"));
        bad.put(eval(loose).dataset(workspace.resolve("nowhere").toString()).build(), List.of("dataset"));
        bad.put(eval(loose).split("validation").build(), List.of("split"));
        bad.put(eval(loose).dataset(small.toString()).build(), List.of("model"));
        bad.put(eval(loose).split("validation").device("gpu").build(), List.of("device", "split"));
        return bad;
    }
}
