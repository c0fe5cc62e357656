package dev.joulebench.train.mf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.joulebench.nn.TorchEngine;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local loss and prediction rule on a hand-checkable case, and the detached inputs. */
class MonoForwardRuleTest {
    private static void set(Parameter p, float... values) {
        p.getArray().set(FloatBuffer.wrap(values));
    }

    private static Optimizer sgd() {
        return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
    }

    @Test
    void localLogitsLossAndPredictionMatchHandComputedValues() {
        TorchEngine.configure(1, 2);
        try (MfNetwork net = new MfNetwork(List.of(2, 2), 2, Device.cpu(), null);
             NDManager m = net.newBatchManager()) {
            MfLayer layer = net.layer(0);
            set(layer.dense().getParameters().get("weight"), 1, 0, 0, 1); // W = I
            set(layer.dense().getParameters().get("bias"), 0, 0.5f); // b = (0, 0.5)
            set(layer.projection().getParameters().get("weight"), 1, 0, 0, -1); // M = diag(1, -1)
            NDArray x = m.create(new float[] {1, 2, 2, -1}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray y = m.create(new long[] {0, 1});
            NDList ag = net.forward(x).get(0);
            // a = ReLU(W x + b): (1, 2.5) and (2, -0.5) -> (2, 0)
            assertThat(ag.get(0).toFloatArray()).containsExactly(1f, 2.5f, 2f, 0f);
            // g = a M^T: (1, -2.5) and (2, 0)
            assertThat(ag.get(1).toFloatArray()).containsExactly(1f, -2.5f, 2f, 0f);
            // CE: label 0 of (1, -2.5) = log(1 + e^-3.5); label 1 of (2, 0) = log(1 + e^2)
            double expected = (Math.log(1 + Math.exp(-3.5)) + Math.log(1 + Math.exp(2))) / 2;
            assertThat(MfNetwork.localLoss(ag.get(1), y).getFloat()).isCloseTo((float) expected, within(1e-5f));
            assertThat(net.predict(x).toLongArray()).containsExactly(0L, 0L);
        }
    }

    @Test
    void predictionUsesTheLastLayersHead() {
        TorchEngine.configure(2, 2);
        try (MfNetwork net = new MfNetwork(List.of(2, 2, 2), 2, Device.cpu(), null);
             NDManager m = net.newBatchManager()) {
            for (int i = 0; i < 2; i++) {
                set(net.layer(i).dense().getParameters().get("weight"), 1, 0, 0, 1);
                set(net.layer(i).dense().getParameters().get("bias"), 0, 0);
            }
            set(net.layer(0).projection().getParameters().get("weight"), 1, 0, 0, 0); // layer 1 says class 0
            set(net.layer(1).projection().getParameters().get("weight"), 0, 0, 1, 0); // layer 2 says class 1
            NDArray x = m.create(new float[] {3, 1}, new ai.djl.ndarray.types.Shape(1, 2));
            assertThat(net.forward(x).get(0).get(1).argMax(1).getLong()).isEqualTo(0L);
            assertThat(net.predict(x).getLong()).isEqualTo(1L);
        }
    }

    @Test
    void inputsAreDetachedSoEachLayerLearnsOnlyFromItsOwnLoss() {
        float[] x = new float[8 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) + 0.5f;
        }
        long[] labels = {0, 1, 2, 0, 1, 2, 0, 1};
        float[] together;
        float[] alone;
        // All layers backward together: layer 1's gradient ...
        TorchEngine.configure(7, 2);
        try (MfNetwork net = new MfNetwork(List.of(6, 5, 4), 3, Device.cpu(), MonoForwardRuleTest::sgd);
             NDManager m = net.newBatchManager()) {
            net.backward(m.create(x, new ai.djl.ndarray.types.Shape(8, 6)), m.create(labels), 0, 1);
            together = net.layer(0).dense().getParameters().get("weight").getArray().getGradient().toFloatArray();
            assertThat(net.layer(1).dense().getParameters().get("weight").getArray().getGradient().abs().sum()
                    .getFloat()).isGreaterThan(0f);
        }
        // ... equals its gradient from its own loss alone (layer 2's loss adds nothing to it).
        TorchEngine.configure(7, 2);
        try (MfNetwork net = new MfNetwork(List.of(6, 5, 4), 3, Device.cpu(), MonoForwardRuleTest::sgd);
             NDManager m = net.newBatchManager()) {
            net.backward(m.create(x, new ai.djl.ndarray.types.Shape(8, 6)), m.create(labels), 0, 0);
            alone = net.layer(0).dense().getParameters().get("weight").getArray().getGradient().toFloatArray();
        }
        assertThat(together).containsExactly(alone);

        // Training only layer 2 one step leaves layer 1 unchanged and its gradient zero.
        TorchEngine.configure(7, 2);
        try (MfNetwork net = new MfNetwork(List.of(6, 5, 4), 3, Device.cpu(), MonoForwardRuleTest::sgd);
             NDManager m = net.newBatchManager()) {
            float[] w1 = net.layer(0).dense().getParameters().get("weight").getArray().toFloatArray();
            float[] w2 = net.layer(1).dense().getParameters().get("weight").getArray().toFloatArray();
            net.train(m.create(x, new ai.djl.ndarray.types.Shape(8, 6)), m.create(labels), 1, 1);
            NDArray g1 = net.layer(0).dense().getParameters().get("weight").getArray().getGradient();
            assertThat(g1.abs().sum().getFloat()).isZero();
            assertThat(net.layer(0).dense().getParameters().get("weight").getArray().toFloatArray()).containsExactly(w1);
            assertThat(net.layer(1).dense().getParameters().get("weight").getArray().toFloatArray()).isNotEqualTo(w2);
        }
    }
}
