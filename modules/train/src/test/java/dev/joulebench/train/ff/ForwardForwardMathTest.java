package dev.joulebench.train.ff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.joulebench.nn.TorchEngine;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FF arithmetic on hand-sized inputs with hand-computed numbers. */
class ForwardForwardMathTest {

    @BeforeAll
    static void engine() {
        TorchEngine.configure(7, 2);
    }

    @Test
    void labelIsWrittenAsOneHotIntoTheFirstClassValuesOnly() {
        int f = 14;
        float[] x = new float[2 * f];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5f + i;
        }
        float[] before = x.clone();
        FfNetwork.embedLabels(x, 2, f, new int[] {3, 9}, 10);
        for (int c = 0; c < 10; c++) {
            assertThat(x[c]).isEqualTo(c == 3 ? 1f : 0f);
            assertThat(x[f + c]).isEqualTo(c == 9 ? 1f : 0f);
        }
        for (int i = 10; i < f; i++) {
            assertThat(x[i]).isEqualTo(before[i]);
            assertThat(x[f + i]).isEqualTo(before[f + i]);
        }
        FfNetwork.embedLabels(x, 1, f, null, 10);
        for (int c = 0; c < 10; c++) {
            assertThat(x[c]).isEqualTo(0.1f);
        }
        assertThat(x[f + 9]).isEqualTo(1f);
    }

    @Test
    void wrongLabelsAreNeverTheTrueOneAndCoverTheOthers() {
        SplittableRandom rng = new SplittableRandom(1);
        boolean[] seen = new boolean[10];
        for (int i = 0; i < 2000; i++) {
            int w = ForwardForwardTrainer.wrongLabel(4, 10, rng);
            assertThat(w).isBetween(0, 9).isNotEqualTo(4);
            seen[w] = true;
        }
        for (int c = 0; c < 10; c++) {
            assertThat(seen[c]).isEqualTo(c != 4);
        }
    }

    @Test
    void rmsNormalisationGoodnessAndLogitForAKnownLayer() {
        // x = [3, 4]: mean square 12.5, z = x / sqrt(12.5) = [0.848528, 1.131371]
        // W = [[1, 2], [-1, 1]], b = [0.5, -3]: Wz + b = [3.611270, -2.717157], ReLU -> [3.611270, 0]
        // goodness = 3.611270^2 = 13.041270; threshold = width 2 -> logit 11.041270
        try (FfNetwork net = new FfNetwork(List.of(2, 2), 2, 0, false, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            net.initialize();
            set(net, 0, new float[] {1, 2, -1, 1}, new float[] {0.5f, -3});
            NDArray x = m.create(new float[] {3, 4}, new Shape(1, 2));
            assertThat(FfNetwork.rmsNormalize(x).toFloatArray()).containsExactly(
                    new float[] {0.848528f, 1.131371f}, within(1e-5f));
            NDArray[] h = net.forward(x, net.inference(m));
            assertThat(h[0].toFloatArray()).containsExactly(new float[] {3.611270f, 0f}, within(1e-5f));
            float g = FfNetwork.goodness(h[0]).getFloat(0);
            assertThat(g).isCloseTo(13.041270f, within(1e-4f));
            assertThat(net.threshold(0)).isEqualTo(2f);
            assertThat(g - net.threshold(0)).isCloseTo(11.041270f, within(1e-4f));
        }
        try (FfNetwork net = new FfNetwork(List.of(2, 2, 3), 2, 5.5, false, Device.cpu())) {
            assertThat(net.threshold(0)).isEqualTo(5.5f);
            assertThat(net.threshold(1)).isEqualTo(5.5f);
        }
    }

    @Test
    void bceLossOfKnownLogits() {
        // positives [0, 2]: softplus(-0) = 0.693147, softplus(-2) = 0.126928
        // negatives [0, -1]: softplus(0) = 0.693147, softplus(-1) = 0.313262; mean of the four = 0.456621
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            NDArray loss = FfNetwork.bceLoss(m.create(new float[] {0, 2}), m.create(new float[] {0, -1}));
            assertThat(loss.getFloat()).isCloseTo(0.456621f, within(1e-5f));
            // large logits stay finite (softplus, not log(sigmoid))
            NDArray big = FfNetwork.bceLoss(m.create(new float[] {-200}), m.create(new float[] {200}));
            assertThat(big.getFloat()).isCloseTo(200f, within(1e-3f));
        }
    }

    @Test
    void predictionTakesTheLabelWithTheLargestGoodnessOfLayersTwoOn() {
        // sizes 4-3-3, 3 classes, image [., ., ., 1]. With label c the input is e_c + e_3, z1 = sqrt2 (e_c + e_3).
        // Layer 1: W1 = [5e_0; e_1; e_2] -> h1 = sqrt2 * [5,1,1]_c e_c: its goodness favours label 0 (50 vs 2).
        // Layer 2 input is normalised: z2 = sqrt3 e_c; W2 = diag(1, 3, 2) -> goodness 3 * d_c^2 = [3, 27, 12].
        try (FfNetwork net = new FfNetwork(List.of(4, 3, 3), 3, 0, false, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            net.initialize();
            set(net, 0, new float[] {5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, new float[3]);
            set(net, 1, new float[] {1, 0, 0, 0, 3, 0, 0, 0, 2}, new float[3]);
            float[] pixels = {0, 0, 0, 1, 0.2f, 0.2f, 0.2f, 1};
            NDArray g = net.goodnessPerLabel(m, pixels, 2);
            assertThat(g.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(g.toFloatArray()).containsExactly(new float[] {3, 27, 12, 3, 27, 12}, within(1e-4f));
            assertThat(g.argMax(1).toLongArray()).containsExactly(1, 1);
        }
        // a single layer predicts with its own goodness: W = [5e_0; e_1; e_2] -> label 0
        try (FfNetwork net = new FfNetwork(List.of(4, 3), 3, 0, false, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            net.initialize();
            set(net, 0, new float[] {5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0}, new float[3]);
            NDArray g = net.goodnessPerLabel(m, new float[] {0, 0, 0, 1}, 1);
            assertThat(g.toFloatArray()).containsExactly(new float[] {50, 2, 2}, within(1e-4f));
        }
    }

    @Test
    void noGradientReachesLayerOneFromLayerTwosLoss() {
        try (FfNetwork net = new FfNetwork(List.of(6, 5, 4), 2, 0, false, Device.cpu());
             NDManager m = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME)) {
            net.initialize();
            NDArray x = m.randomUniform(0, 1, new Shape(8, 6));
            NDArray w1 = net.layer(0).getBlock().getParameters().get("weight").getArray();
            NDArray w2 = net.layer(1).getBlock().getParameters().get("weight").getArray();
            try (GradientCollector gc = ai.djl.engine.Engine.getEngine(TorchEngine.NAME).newGradientCollector()) {
                gc.zeroGradients();
                NDArray[] h = net.forward(x, net.inference(m));
                NDArray g = FfNetwork.goodness(h[1]);
                NDArray loss = FfNetwork.bceLoss(g.get("0:4").sub(4f), g.get("4:").sub(4f));
                gc.backward(loss);
            }
            assertThat(w1.getGradient().abs().sum().getFloat()).isZero();
            assertThat(w2.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void optionsAreCheckedAndDefaulted() {
        var t = new ForwardForwardTrainer();
        assertThat(t.method()).isEqualTo("ff");
        assertThat(t.defaultOptions()).containsEntry("threshold", "0").containsEntry("predict", "goodness");
        assertThat(ForwardForwardTrainer.settings(t.defaultOptions()).softmax()).isFalse();
        assertThat(ForwardForwardTrainer.settings(java.util.Map.of("predict", "softmax")).softmax()).isTrue();
        assertThat(dev.joulebench.train.MethodFixtures.problems(t, "mlp:784-64", java.util.Map.of())).isEmpty();
        assertThat(dev.joulebench.train.MethodFixtures.problems(t, "mlp:784-64", java.util.Map.of("predict", "vote")))
                .containsExactly("options.predict");
        assertThat(dev.joulebench.train.MethodFixtures.problems(t, "mlp:784-64",
                java.util.Map.of("threshold", "-1", "predict", "vote")))
                .containsExactly("options.threshold", "options.predict");
        assertThat(dev.joulebench.train.MethodFixtures.problems(t, "mlp:784-64", java.util.Map.of("threshold", "x")))
                .containsExactly("options.threshold");
        // the spec lists input and hidden sizes only: an input size other than the images' is the model's problem
        assertThat(dev.joulebench.train.MethodFixtures.problems(t, "mlp:100-64", java.util.Map.of()))
                .containsExactly("model");
    }

    private static void set(FfNetwork net, int layer, float[] weight, float[] bias) {
        var params = net.layer(layer).getBlock().getParameters();
        params.get("weight").getArray().set(weight);
        params.get("bias").getArray().set(bias);
    }
}
