package dev.joulebench.train;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DataShape;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.ModelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a training spec against this machine and its data before a run exists (method installed, model
 * grammar, the model fits the dataset's images and classes, the method's options, the device), then makes
 * the job.
 */
public final class TrainJobFactory implements JobFactory {
    @Override
    public String kind() {
        return TrainSpec.KIND;
    }

    @Override
    public List<SpecProblem> check(JobSpec spec, JobEnvironment env) {
        TrainSpec train = (TrainSpec) spec;
        List<SpecProblem> problems = new ArrayList<>(env.deviceProblems(train.device()));
        problems.addAll(env.threadProblems("threads", train.threads()));
        MethodTrainer trainer = MethodTrainer.forMethod(train.method());
        if (trainer == null) {
            problems.add(new SpecProblem("method", "training method '" + train.method()
                    + "' is not installed in this build", "use --method bp"));
            return problems;
        }
        problems.addAll(MethodTrainer.unknownOptions(trainer, train.options()));
        ModelSpec model = null;
        try {
            model = ModelSpec.parse(train.model());
        } catch (BadInputException e) {
            problems.add(new SpecProblem("model", e.getMessage()));
        }
        DataShape data = shape(train.dataset(), problems);
        long trainRows = 0;
        if (data != null && data.trainCount() == 0) {
            problems.add(new SpecProblem("dataset", "dataset '" + train.dataset() + "' has no training images",
                    "check its train-images file: its header declares 0 images"));
        } else if (data != null) {
            int limited = train.limitTrain() > 0 ? Math.min(train.limitTrain(), data.trainCount()) : data.trainCount();
            trainRows = limited - Math.round(limited * train.validationFraction());
            if (trainRows < 1) {
                problems.add(new SpecProblem("limitTrain", "leaves no training rows (" + limited + " rows, "
                        + Math.round(limited * train.validationFraction()) + " held out for validation)",
                        "raise --limit-train or lower --validation-fraction"));
            }
        }
        if (model != null && data != null) {
            problems.addAll(trainer.check(train, model, MethodTrainer.options(trainer, train.options()), data));
            if (trainRows > 0) {
                problems.addAll(env.memoryProblems(train.device(), TrainingMemory.of(train, model, data, trainRows)));
            }
        }
        return problems;
    }

    @Override
    public Job build(JobSpec spec, JobEnvironment env) {
        TrainSpec train = (TrainSpec) spec;
        return new TrainJob(train, ModelSpec.parse(train.model()), MethodTrainer.forMethod(train.method()),
                DatasetCatalog.system());
    }

    /** The dataset's shape, or null with a {@code dataset} problem when it cannot be found or read. */
    static DataShape shape(String dataset, List<SpecProblem> problems) {
        try {
            return DatasetCatalog.system().shape(dataset);
        } catch (BadInputException e) {
            problems.add(new SpecProblem("dataset", e.getMessage()));
        } catch (IOException e) {
            problems.add(new SpecProblem("dataset", "cannot read dataset '" + dataset + "': " + e.getMessage()));
        }
        return null;
    }
}
