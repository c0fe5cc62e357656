package dev.joulebench.train.cafo;

import dev.joulebench.testkit.contract.MethodTrainerContract;

class CascadedForwardContractTest extends MethodTrainerContract {
    @Override
    protected String method() {
        return "cafo";
    }

    @Override
    protected String model() {
        return "cnn:1x28x28-c8-c16-10";
    }

    @Override
    protected double minimumAccuracy() {
        return 0.5;
    }
}
