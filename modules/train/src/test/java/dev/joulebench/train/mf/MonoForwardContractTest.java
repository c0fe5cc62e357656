package dev.joulebench.train.mf;

import dev.joulebench.testkit.contract.MethodTrainerContract;

class MonoForwardContractTest extends MethodTrainerContract {
    @Override
    protected String method() {
        return "mf";
    }

    @Override
    protected String model() {
        return "mlp:784-64-64";
    }

    @Override
    protected double minimumAccuracy() {
        return 0.5;
    }
}
