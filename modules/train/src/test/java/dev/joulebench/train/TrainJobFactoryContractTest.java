package dev.joulebench.train;

import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.testkit.contract.JobFactoryContract;
import dev.joulebench.testkit.data.IdxFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The train factory's checks: each case the issue names, and several problems at once. */
class TrainJobFactoryContractTest extends JobFactoryContract {
    private Path small;
    private Path empty;

    @Override
    protected JobFactory factory() {
        return new TrainJobFactory();
    }

    @Override
    protected void prepare() throws Exception {
        small = IdxFiles.writeDataset(workspace.resolve("small"), 40, 10, 8, 8, 4, true);
        empty = IdxFiles.writeDataset(workspace.resolve("empty"), 0, 10, 8, 8, 4, true);
    }

    private static TrainSpec.Builder samples(String method, String model) {
        return TrainSpec.builder().method(method).dataset("samples").model(model).epochs(1).device("cpu");
    }

    @Override
    protected List<JobSpec> goodSpecs() {
        return List.of(samples("bp", "mlp:784-16-10").build(), samples("bp", "cnn:1x28x28-c4-d8-10").build(),
                samples("mf", "mlp:784-16").options(Map.of("schedule", "greedy")).build(),
                samples("ff", "mlp:784-16").build(), samples("cafo", "cnn:1x28x28-c4-10").build(),
                TrainSpec.builder().method("bp").dataset(small.toString()).model("mlp:64-8-4").device("auto").build(),
                // a batch beyond the training set is capped, so its memory is the training set's
                samples("bp", "mlp:784-16-10").batchSize(100_000_000).threads(4).build());
    }

    @Override
    protected Map<JobSpec, List<String>> badSpecs() {
        Map<JobSpec, List<String>> bad = new LinkedHashMap<>();
        bad.put(samples("bp", "mlp:100-10").build(), List.of("model"));
        bad.put(samples("bp", "mlp:784-16-5").build(), List.of("model"));
        bad.put(samples("bp", "mlp:784-16-10").device("gpu").build(), List.of("device"));
        bad.put(samples("bp", "mlp:784-16-10").device("gpu:1").build(), List.of("device"));
        bad.put(samples("bp", "mlp:784-16-10").options(Map.of("threshold", "3")).build(), List.of("options.threshold"));
        bad.put(samples("bp", "mlp:784-x-10").build(), List.of("model"));
        bad.put(samples("bp", "mlp:784-16-10").dataset(workspace.resolve("nowhere").toString()).build(),
                List.of("dataset"));
        bad.put(samples("bp", "mlp:784-16-10").epochs(0).batchSize(0).build(), List.of("epochs", "batchSize"));
        bad.put(samples("ff", "mlp:784-16").options(Map.of("predict", "vote")).build(), List.of("options.predict"));
        bad.put(samples("cafo", "cnn:3x32x32-c4-10").build(), List.of("model"));
        bad.put(samples("bp", "cnn:1x28x28-c4-10").dataset(small.toString()).build(), List.of("model", "model"));
        bad.put(samples("bp", "mlp:784-16-10").limitTrain(1).validationFraction(0.5).build(), List.of("limitTrain"));
        // resource guards (the contract's machine: 4 processors, 16 GiB)
        bad.put(samples("bp", "mlp:784-16-10").threads(5000).build(), List.of("threads"));
        bad.put(samples("bp", "mlp:784-3000000-10").build(), List.of("memory"));
        bad.put(samples("ff", "mlp:784-100000000").build(), List.of("memory"));
        bad.put(samples("bp", "mlp:784-16-10").learningRate(1e300).build(), List.of("learningRate"));
        bad.put(samples("bp", "mlp:64-8-4").dataset(empty.toString()).build(), List.of("dataset"));
        // every problem at once, device first
        bad.put(samples("mf", "mlp:100-16").device("gpu").options(Map.of("schedule", "layerwise", "x", "1")).build(),
                List.of("device", "options.x", "options.schedule", "model"));
        return bad;
    }
}
