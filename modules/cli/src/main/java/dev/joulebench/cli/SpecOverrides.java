package dev.joulebench.cli;

import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;

/** Applies the command line's --seed and --device over a spec read from a file. */
final class SpecOverrides {
    private SpecOverrides() {}

    static JobSpec apply(JobSpec spec, Long seed, String device) {
        if (spec instanceof TrainSpec t) {
            return new TrainSpec(t.method(), t.dataset(), t.model(), t.epochs(), t.batchSize(), t.optimizer(),
                    t.learningRate(), t.momentum(), t.weightDecay(), t.validationFraction(), t.patience(),
                    t.limitTrain(), seed != null ? seed : t.seed(), device != null ? device : t.device(), t.threads(),
                    t.spectraEvery(), t.spectraWindow(), t.options());
        }
        if (spec instanceof CompressSpec c) {
            return new CompressSpec(c.method(), c.model(), c.dataset(), c.chi(), c.eps(), c.targetParams(), c.layers(),
                    c.healEpochs(), c.batchSize(), seed != null ? seed : c.seed(), device != null ? device : c.device(),
                    c.threads(), c.mode(), c.chis(), c.targetAccuracyDrop(), c.sites(), c.layerChis(),
                    c.healLearningRate());
        }
        EvalSpec e = (EvalSpec) spec;
        return new EvalSpec(e.model(), e.dataset(), e.split(), e.batchSize(), seed != null ? seed : e.seed(),
                device != null ? device : e.device(), e.threads(), e.inputLayout(), e.preprocess());
    }
}
