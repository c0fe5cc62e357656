package dev.joulebench.compress.rmtkd;

import dev.joulebench.compress.CompressTarget;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.data.DataShape;
import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.SavedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What an rmtkd compress job needs of its model and data beyond the spec's own ranges, checked before a run
 * exists: a finished backprop {@code mlp:} run whose checkpoint records its split with held-out rows (the
 * calibration set comes from the trained-on rows, the accuracy budget is spent on the held-out ones), the
 * dataset it was trained on, hidden layers only, and a calibration set large enough for a covariance.
 */
public final class RmtKdChecks {
    /** Fewest calibration samples accepted: fewer give no usable covariance spectrum. */
    public static final int MIN_CALIBRATION_SAMPLES = 10;

    private RmtKdChecks() {}

    /** Every problem; {@code data} is null when the dataset itself could not be read (reported elsewhere). */
    public static List<SpecProblem> problems(CompressSpec spec, SavedModel saved, Checkpoint cp, DataShape data) {
        List<SpecProblem> problems = new ArrayList<>();
        if (saved.run() != null && saved.run().status() != RunStatus.FINISHED) {
            problems.add(new SpecProblem("model", "run " + saved.run().id() + " is " + saved.run().status().json()
                    + "; rmtkd starts from a finished training run", "give a run of `joulebench train` that finished"));
        }
        ModelSpec model = cp.modelSpec();
        if (!(model instanceof ModelSpec.Mlp mlp)) {
            problems.add(new SpecProblem("model", "rmtkd cuts the hidden layers of mlp: models; " + model.text()
                    + " is a CNN, whose conv channels it does not narrow", "train an mlp: model, or compress the CNN with "
                    + "--method mpo or lowrank"));
            return problems;
        }
        List<String> dense = CompressTarget.denseLayerNames(model);
        String output = dense.get(dense.size() - 1);
        if (spec.layers().contains(output)) {
            problems.add(new SpecProblem("layers", output + " is the output layer: its width is the number of classes ("
                    + model.classes() + "), so rmtkd cannot narrow it", "cut the hidden layers "
                    + String.join(", ", dense.subList(0, dense.size() - 1))));
        }
        if (cp.split() == null) {
            problems.add(new SpecProblem("model", "the checkpoint records no training split, so rmtkd cannot tell the "
                    + "rows it trained on (calibration) from those it held out (accuracy budget)",
                    "train the model again with this Joulebench"));
            return problems;
        }
        if (cp.split().validationCount() == 0) {
            problems.add(new SpecProblem("model", "the model was trained without a validation split; rmtkd checks "
                    + "each cut's accuracy on it", "train with --val-fraction above 0"));
        }
        int calibration = CalibrationSet.size(cp.split().trainCount(), spec.calibrationFraction());
        if (calibration < MIN_CALIBRATION_SAMPLES) {
            problems.add(new SpecProblem("calibrationFraction", "a share of " + spec.calibrationFraction() + " of the "
                    + cp.split().trainCount() + " training rows is " + calibration + " samples, fewer than "
                    + MIN_CALIBRATION_SAMPLES, "give a larger --calibration-fraction"));
        }
        if (data != null && !data.name().equals(cp.dataset())) {
            problems.add(new SpecProblem("dataset", "the model was trained on '" + cp.dataset() + "'; its training split "
                    + "(calibration, distillation) and held-out rows are not in '" + data.name() + "'",
                    "--dataset " + cp.dataset()));
        }
        if (mlp.sizes().size() < 3) {
            problems.add(new SpecProblem("model", model.text() + " has no hidden layer to cut"));
        }
        return problems;
    }
}
