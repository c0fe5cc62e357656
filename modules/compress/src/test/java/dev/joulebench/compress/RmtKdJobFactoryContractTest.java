package dev.joulebench.compress;

import ai.djl.Device;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.testkit.contract.JobFactoryContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The factory's rmtkd checks: what the model, its split, the layers, the data and the options must be. */
class RmtKdJobFactoryContractTest extends JobFactoryContract {
    private String mlp;
    private String cnn;
    private Path bare;
    private Path renamedCopy;

    @Override
    protected JobFactory factory() {
        return new CompressJobFactory();
    }

    @Override
    protected void prepare() throws Exception {
        CompressRuns runs = new CompressRuns(workspace);
        mlp = runs.trainSamples("mlp:784-16-8-10", 1, 400);
        RunRecord c = runs.run(TrainSpec.builder().method("bp").dataset("samples").model("cnn:1x28x28-c2-d8-10").epochs(1)
                .batchSize(64).validationFraction(0.2).limitTrain(200).seed(42L).device("cpu").threads(2).spectraEvery(0)
                .build());
        if (c.status() != RunStatus.FINISHED) {
            throw new AssertionError("training failed: " + c.error());
        }
        cnn = c.id();
        bare = workspace.resolve("bare");
        TorchEngine.configure(1, 1);
        try (Classifier net = new Classifier(ModelSpec.parse("mlp:784-8-10"), dev.joulebench.data.ClassNames.FASHION_MNIST,
                Device.cpu())) {
            net.initializeParameters();
            net.save(bare, "samples", 0, null); // no split recorded
        }
        // the same images under another name: the model fits, but its split is not in it
        renamedCopy = Files.createDirectories(workspace.resolve("fashion-copy"));
        Path samples = dev.joulebench.data.DatasetCatalog.system().locate("samples");
        try (var files = Files.list(samples)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".gz")).toList()) {
                Files.copy(f, renamedCopy.resolve(f.getFileName()));
            }
        }
    }

    private CompressSpec.Builder rmtkd(String model) {
        return CompressSpec.builder().method("rmtkd").model(model).dataset("samples").device("cpu");
    }

    @Override
    protected List<JobSpec> goodSpecs() {
        return List.of(rmtkd(mlp).build(), rmtkd(mlp).layers(List.of("fc2")).targetParams(0.5).distillEpochs(0)
                .quantile(0.3).tracyWidomMargin(true).centre(false).build());
    }

    @Override
    protected Map<JobSpec, List<String>> badSpecs() {
        Map<JobSpec, List<String>> bad = new LinkedHashMap<>();
        bad.put(rmtkd(cnn).build(), List.of("model"));
        bad.put(rmtkd(mlp).layers(List.of("fc3")).build(), List.of("layers"));
        bad.put(rmtkd(mlp).layers(List.of("fc9")).build(), List.of("layers"));
        bad.put(rmtkd(bare.toString()).build(), List.of("model"));
        bad.put(rmtkd(mlp).dataset(renamedCopy.toString()).build(), List.of("dataset"));
        // 0.1% of the 320 training rows is one sample
        bad.put(rmtkd(mlp).calibrationFraction(0.001).build(), List.of("calibrationFraction"));
        bad.put(rmtkd(mlp).quantile(1.5).targetAccuracyDrop(2.0).build(), List.of("quantile", "targetAccuracyDrop"));
        bad.put(rmtkd(mlp).chi(4).healEpochs(1).build(), List.of("chi", "healEpochs"));
        bad.put(CompressSpec.builder().method("mpo").model(mlp).dataset("samples").chi(4).distillEpochs(1).build(),
                List.of("distillEpochs"));
        return bad;
    }
}
