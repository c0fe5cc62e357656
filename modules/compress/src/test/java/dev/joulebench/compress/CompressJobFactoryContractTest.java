package dev.joulebench.compress;

import ai.djl.Device;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.testkit.contract.JobFactoryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The compress factory's checks, including a bad --layers name (once a failed run) and ONNX files. */
class CompressJobFactoryContractTest extends JobFactoryContract {
    private String trained;
    private Path bare;
    private Path notBackprop;
    private Path onnx;

    @Override
    protected JobFactory factory() {
        return new CompressJobFactory();
    }

    @Override
    protected void prepare() throws Exception {
        if (trained == null) {
            CompressRuns runs = new CompressRuns(workspace);
            trained = runs.trainSamples("mlp:784-32-16-10", 1, 400);
            onnx = workspace.resolve("mlp.onnx");
            OnnxExporter.exportCheckpoint(runs.store.resolveDir(trained).resolve("model"), onnx);
        }
        bare = workspace.resolve("bare");
        TorchEngine.configure(1, 1);
        try (Classifier c = new Classifier(ModelSpec.parse("mlp:784-8-10"), dev.joulebench.data.ClassNames.FASHION_MNIST,
                Device.cpu())) {
            c.initializeParameters();
            c.save(bare, "samples", 0, null); // a checkpoint that records no split
        }
        notBackprop = Files.createDirectories(workspace.resolve("ff"));
        Files.writeString(notBackprop.resolve("checkpoint.json"),
                "{\"version\":1,\"method\":\"ff\",\"model\":\"mlp:784-10\",\"classes\":10,\"weightsFile\":\"w.params\"}");
    }

    private CompressSpec.Builder mpo(String model) {
        return CompressSpec.builder().method("mpo").model(model).dataset("samples").chi(4).device("cpu");
    }

    @Override
    protected List<JobSpec> goodSpecs() {
        return List.of(mpo(trained).build(), mpo(trained).layers(List.of("fc2")).healEpochs(1).build(),
                mpo(trained).chi(null).mode("sensitivity").targetParams(0.5).build(), mpo(bare.toString()).build(),
                mpo(onnx.toString()).build());
    }

    @Override
    protected Map<JobSpec, List<String>> badSpecs() {
        Map<JobSpec, List<String>> bad = new LinkedHashMap<>();
        bad.put(mpo(trained).layers(List.of("fc7")).build(), List.of("layers"));
        bad.put(mpo(trained).layerChis(Map.of("fc3", 2)).build(), List.of("layerChis"));
        bad.put(mpo(trained).device("gpu").build(), List.of("device"));
        bad.put(mpo(trained).dataset(workspace.resolve("nowhere").toString()).build(), List.of("dataset"));
        bad.put(mpo("no-such-run").build(), List.of("model"));
        bad.put(mpo(notBackprop.toString()).build(), List.of("model"));
        bad.put(mpo(bare.toString()).healEpochs(1).build(), List.of("healEpochs"));
        bad.put(mpo(bare.toString()).chi(null).mode("sensitivity").targetParams(0.5).build(), List.of("mode"));
        bad.put(mpo(trained).chi(null).build(), List.of("chi"));
        bad.put(mpo(onnx.toString()).chi(null).healEpochs(1).build(), List.of("chi", "healEpochs"));
        bad.put(mpo(onnx.toString()).layers(List.of("fc1")).build(), List.of("layers"));
        bad.put(mpo(workspace.resolve("missing.onnx").toString()).build(), List.of("model"));
        return bad;
    }
}
