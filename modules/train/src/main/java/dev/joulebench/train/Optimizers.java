package dev.joulebench.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.joulebench.core.spec.TrainSpec;

/** DJL optimizers from a spec: Adam (betas 0.9/0.999, eps 1e-8, as PyTorch) or SGD with momentum. */
public final class Optimizers {
    private Optimizers() {}

    public static Optimizer of(TrainSpec spec) {
        float lr = spec.learningRate().floatValue();
        float wd = spec.weightDecay().floatValue();
        if ("sgd".equals(spec.optimizer())) {
            return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(spec.momentum().floatValue())
                    .optWeightDecays(wd).build();
        }
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).optBeta1(0.9f).optBeta2(0.999f)
                .optEpsilon(1e-8f).optWeightDecays(wd).build();
    }
}
