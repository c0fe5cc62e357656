package dev.joulebench.train.bp;

import dev.joulebench.testkit.contract.MethodTrainerContract;

class BackpropContractTest extends MethodTrainerContract {
    @Override
    protected String method() {
        return "bp";
    }

    @Override
    protected String model() {
        return "mlp:784-64-10";
    }

    @Override
    protected double minimumAccuracy() {
        return 0.5;
    }
}
