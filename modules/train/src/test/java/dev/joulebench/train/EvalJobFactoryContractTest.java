package dev.joulebench.train;

import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.testkit.contract.JobFactoryContract;
import dev.joulebench.testkit.data.IdxFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checkpoint eval factory's checks: model, device, dataset fit and the recorded split. */
class EvalJobFactoryContractTest extends JobFactoryContract {
    private String run;
    private Path small;

    @Override
    protected JobFactory factory() {
        return new EvalJobFactory();
    }

    @Override
    protected void prepare() throws Exception {
        if (run == null) {
            RunRecord r = new TrainingRuns(workspace).run(TrainingRuns.samples("mlp:784-8-10", 1, 300, 4));
            if (r.status() != RunStatus.FINISHED) {
                throw new IllegalStateException("training for the eval checks failed: " + r.error());
            }
            run = r.id();
        }
        small = IdxFiles.writeDataset(workspace.resolve("small"), 40, 10, 8, 8, 4, true);
    }

    private EvalSpec.Builder eval() {
        return EvalSpec.builder().model(run).dataset("samples").device("cpu");
    }

    @Override
    protected List<JobSpec> goodSpecs() {
        return List.of(eval().build(), eval().split("validation").build(), eval().split("train").build(),
                eval().model(workspace.resolve("runs").resolve(run).toString()).build());
    }

    @Override
    protected Map<JobSpec, List<String>> badSpecs() {
        Map<JobSpec, List<String>> bad = new LinkedHashMap<>();
        bad.put(eval().model("no-such-run").build(), List.of("model"));
        bad.put(eval().device("gpu").build(), List.of("device"));
        bad.put(eval().dataset(workspace.resolve("nowhere").toString()).build(), List.of("dataset"));
        // 8×8 images of 4 classes for a 784-input, 10-class model; and no held-out rows of 'samples' there
        bad.put(eval().dataset(small.toString()).build(), List.of("dataset", "dataset"));
        bad.put(eval().dataset(small.toString()).split("validation").build(), List.of("dataset", "dataset", "split"));
        bad.put(eval().batchSize(0).build(), List.of("batchSize"));
        return bad;
    }
}
