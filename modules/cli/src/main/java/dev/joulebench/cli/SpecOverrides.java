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
            return TrainSpec.builder().method(t.method()).dataset(t.dataset()).model(t.model()).epochs(t.epochs()).batchSize(t.batchSize()).optimizer(t.optimizer()).learningRate(t.learningRate()).momentum(t.momentum()).weightDecay(t.weightDecay()).validationFraction(t.validationFraction()).patience(t.patience()).limitTrain(t.limitTrain()).seed(seed != null ? seed : t.seed()).device(device != null ? device : t.device()).threads(t.threads()).spectraEvery(t.spectraEvery()).spectraWindow(t.spectraWindow()).options(t.options()).build();
        }
        if (spec instanceof CompressSpec c) {
            return CompressSpec.builder().method(c.method()).model(c.model()).dataset(c.dataset()).chi(c.chi()).eps(c.eps()).targetParams(c.targetParams()).layers(c.layers()).healEpochs(c.healEpochs()).batchSize(c.batchSize()).seed(seed != null ? seed : c.seed()).device(device != null ? device : c.device()).threads(c.threads()).mode(c.mode()).chis(c.chis()).targetAccuracyDrop(c.targetAccuracyDrop()).sites(c.sites()).layerChis(c.layerChis()).healLearningRate(c.healLearningRate()).build();
        }
        EvalSpec e = (EvalSpec) spec;
        return EvalSpec.builder().model(e.model()).dataset(e.dataset()).split(e.split()).batchSize(e.batchSize()).seed(seed != null ? seed : e.seed()).device(device != null ? device : e.device()).threads(e.threads()).inputLayout(e.inputLayout()).preprocess(e.preprocess()).build();
    }
}
