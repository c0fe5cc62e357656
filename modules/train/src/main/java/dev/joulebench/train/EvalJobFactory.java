package dev.joulebench.train;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DataShape;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of Joulebench checkpoints ({@code --model RUN|DIR}). Checks before a run exists that the
 * checkpoint is readable and its method installed, that the model fits the dataset, and that a
 * {@code validation} or {@code train} split can be rebuilt exactly as the model was trained: from the split
 * recorded in its checkpoint, on the dataset it was trained on. A checkpoint without a recorded split is
 * evaluated on the test set only.
 */
public final class EvalJobFactory implements JobFactory {
    @Override
    public String kind() {
        return EvalSpec.KIND;
    }

    /** ONNX files are evaluated by the onnx module's factory. */
    @Override
    public boolean accepts(JobSpec spec) {
        return spec instanceof EvalSpec e && !e.isOnnx();
    }

    @Override
    public List<SpecProblem> check(JobSpec spec, JobEnvironment env) {
        EvalSpec eval = (EvalSpec) spec;
        List<SpecProblem> problems = new ArrayList<>(env.deviceProblems(eval.device()));
        problems.addAll(env.threadProblems("threads", eval.threads()));
        Checkpoint cp = null;
        try {
            cp = Checkpoint.read(SavedModel.resolve(eval.model(), env.store()).checkpointDir());
            if (MethodTrainer.forMethod(cp.method()) == null) {
                problems.add(new SpecProblem("model", "the checkpoint was made by method '" + cp.method()
                        + "', which is not installed in this build"));
                cp = null;
            }
        } catch (BadInputException e) {
            problems.add(new SpecProblem("model", e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            problems.add(new SpecProblem("model", "cannot read the checkpoint: " + e.getMessage()));
        }
        DataShape data = TrainJobFactory.shape(eval.dataset(), problems);
        if (cp != null && data != null) {
            problems.addAll(fits(cp, data));
            if (!eval.split().equals("test")) {
                problems.addAll(splitProblems(cp, data, eval.split()));
            }
        }
        return problems;
    }

    /** The model's input size and classes against the dataset's. */
    static List<SpecProblem> fits(Checkpoint cp, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        int inputs = ModelSpec.parse(cp.model()).inputFeatures();
        if (inputs != data.featureCount()) {
            problems.add(new SpecProblem("dataset", "the model (" + cp.model() + ") takes " + inputs
                    + " input values but dataset '" + data.name() + "' has " + data.featureCount() + " per image",
                    "evaluate on data like its training set (" + cp.dataset() + ")"));
        }
        if (cp.classes() != data.classes()) {
            problems.add(new SpecProblem("dataset", "the model predicts " + cp.classes() + " classes but dataset '"
                    + data.name() + "' has " + data.classes(), null));
        }
        return problems;
    }

    /** Whether the recorded split of the checkpoint can be rebuilt on this dataset. */
    static List<SpecProblem> splitProblems(Checkpoint cp, DataShape data, String split) {
        SplitRecord record = cp.split();
        if (record == null) {
            return List.of(new SpecProblem("split", "the checkpoint does not record the split it was trained with, so "
                    + "its " + split + " rows are unknown", "use --split test"));
        }
        if (!data.name().equals(cp.dataset())) {
            return List.of(new SpecProblem("split", "the model was trained on '" + cp.dataset() + "'; dataset '"
                    + data.name() + "' has no held-out rows of it", "use --split test, or --dataset " + cp.dataset()));
        }
        int limited = record.limit() > 0 ? Math.min(record.limit(), data.trainCount()) : data.trainCount();
        if (limited != record.source()) {
            return List.of(new SpecProblem("split", "the training set now has " + data.trainCount()
                    + " rows; the model's split was drawn from " + record.source(), "use --split test"));
        }
        return List.of();
    }

    @Override
    public Job build(JobSpec spec, JobEnvironment env) {
        EvalSpec eval = (EvalSpec) spec;
        SavedModel saved = SavedModel.resolve(eval.model(), env.store());
        return new EvalJob(eval, saved.checkpointDir(), DatasetCatalog.system());
    }
}
