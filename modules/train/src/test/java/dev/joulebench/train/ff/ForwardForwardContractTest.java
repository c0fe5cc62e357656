package dev.joulebench.train.ff;

import dev.joulebench.testkit.contract.MethodTrainerContract;

/** FF learns slowly: a larger slice and rate than the others, and a bound of twice chance. */
class ForwardForwardContractTest extends MethodTrainerContract {
    @Override
    protected String method() {
        return "ff";
    }

    @Override
    protected String model() {
        return "mlp:784-200-200";
    }

    @Override
    protected int limitTrain() {
        return 2000;
    }

    @Override
    protected double learningRate() {
        return 3e-3;
    }

    @Override
    protected double minimumAccuracy() {
        return 0.2;
    }
}
