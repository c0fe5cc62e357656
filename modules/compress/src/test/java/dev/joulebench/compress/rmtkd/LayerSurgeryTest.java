package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.spectra.SymmetricEigenbasis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the cut keeps exactly, its parameter count in closed form, and DJL's weight layout. */
class LayerSurgeryTest {
    static final List<String> TEN = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();

    static float[] gaussian(Random rnd, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * rnd.nextGaussian());
        }
        return a;
    }

    /** {@code W v + b} for a row-major {@code out x in} matrix. */
    static double[] apply(MlpWeights.Dense l, double[] v) {
        double[] y = new double[l.outputs()];
        for (int o = 0; o < l.outputs(); o++) {
            double s = l.bias()[o];
            for (int i = 0; i < l.inputs(); i++) {
                s += l.weight()[o * l.inputs() + i] * v[i];
            }
            y[o] = s;
        }
        return y;
    }

    /** The network without activations: every layer linear. */
    static double[] linear(MlpWeights net, double[] x) {
        double[] v = x;
        for (MlpWeights.Dense l : net.layers()) {
            v = apply(l, v);
        }
        return v;
    }

    /**
     * A linear network 12 -> 30 -> 7 whose hidden outputs are {@code mu + U^T A x}: a 4-dimensional affine subspace
     * of R^30 with a mean outside it. Cut to the 4 leading eigenvectors of their centred covariance (with the mean
     * folded into the next bias), every output is unchanged, whatever the input.
     */
    @Test
    void exactForALinearNetworkWhoseActivationsLieInTheKeptSubspace() {
        Random rnd = new Random(5);
        int in = 12;
        int d = 30;
        int r = 4;
        int out = 7;
        double[] u = PlantedSignal.orthonormalRows(rnd, r, d);
        float[] a = gaussian(rnd, r * in, 1.0);
        float[] w1 = new float[d * in];
        for (int f = 0; f < d; f++) { // W1 = U^T A
            for (int c = 0; c < in; c++) {
                double s = 0;
                for (int j = 0; j < r; j++) {
                    s += u[j * d + f] * a[j * in + c];
                }
                w1[f * in + c] = (float) s;
            }
        }
        float[] b1 = gaussian(rnd, d, 3.0); // the mean: not in span(U)
        MlpWeights net = new MlpWeights(List.of(new MlpWeights.Dense(in, d, w1, b1),
                new MlpWeights.Dense(d, out, gaussian(rnd, out * d, 0.5), gaussian(rnd, out, 0.5))));
        int n = 200;
        float[] hidden = new float[n * d];
        List<double[]> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[in];
            for (int c = 0; c < in; c++) {
                x[c] = rnd.nextGaussian();
            }
            inputs.add(x);
            double[] z = apply(net.layers().get(0), x);
            for (int f = 0; f < d; f++) {
                hidden[i * d + f] = (float) z[f];
            }
        }
        ActivationCovariance cov = ActivationCovariance.of(hidden, n, d, true);
        SymmetricEigenbasis basis = SymmetricEigenbasis.of(cov.covariance(), d);
        assertThat(basis.values()[d - r - 1]).isLessThan(1e-6 * basis.values()[d - 1]); // rank r
        float[] p = new float[r * d];
        for (int j = 0; j < r; j++) {
            for (int f = 0; f < d; f++) {
                p[j * d + f] = (float) basis.vectors()[(d - 1 - j) * d + f];
            }
        }
        MlpWeights narrowed = LayerSurgery.narrow(net, 0, p, r, cov.mean());
        assertThat(narrowed.spec().text()).isEqualTo("mlp:12-4-7");
        double worst = 0;
        for (double[] x : inputs.subList(0, 50)) {
            double[] y = linear(net, x);
            double[] y2 = linear(narrowed, x);
            for (int o = 0; o < out; o++) {
                worst = Math.max(worst, Math.abs(y[o] - y2[o]) / (1 + Math.abs(y[o])));
            }
        }
        assertThat(worst).isLessThan(1e-4);
        // without folding the mean, its component outside span(U) is lost: the cut is then not exact
        MlpWeights withoutMean = LayerSurgery.narrow(net, 0, p, r, null);
        double[] x0 = inputs.get(0);
        double gap = 0;
        for (int o = 0; o < out; o++) {
            gap = Math.max(gap, Math.abs(linear(net, x0)[o] - linear(withoutMean, x0)[o]));
        }
        assertThat(gap).isGreaterThan(0.1);
    }

    /**
     * mlp:20-9-6-10 on DJL with units 2, 5 and 7 of fc1 dead (zero weights and bias): cutting fc1 to the other
     * six by a coordinate selection commutes with the ReLU, so DJL's logits are unchanged; this pins the
     * {@code [out, in]} layout DJL stores and {@link MlpWeights} reads and writes.
     */
    @Test
    void aCoordinateCutOfDeadUnitsKeepsDjlLogitsUnchanged() {
        TorchEngine.configure(3, 1);
        ModelSpec spec = ModelSpec.parse("mlp:20-9-6-10");
        Random rnd = new Random(9);
        int[] dead = {2, 5, 7};
        try (Classifier net = new Classifier(spec, TEN, Device.cpu())) {
            net.initializeParameters();
            MlpWeights w = MlpWeights.of(net);
            assertThat(w.spec()).isEqualTo(spec);
            MlpWeights.Dense fc1 = w.layers().get(0);
            float[] w1 = fc1.weight().clone();
            float[] b1 = fc1.bias().clone();
            for (int u : dead) {
                java.util.Arrays.fill(w1, u * 20, (u + 1) * 20, 0f);
                b1[u] = 0f;
            }
            MlpWeights withDead = new MlpWeights(List.of(new MlpWeights.Dense(20, 9, w1, b1), w.layers().get(1),
                    w.layers().get(2)));
            int[] live = {0, 1, 3, 4, 6, 8};
            float[] p = new float[live.length * 9];
            for (int r = 0; r < live.length; r++) {
                p[r * 9 + live[r]] = 1f;
            }
            MlpWeights narrowed = LayerSurgery.narrow(withDead, 0, p, live.length, null);
            float[] x = gaussian(rnd, 16 * 20, 1.0);
            float[] before = logits(withDead, x, 16);
            float[] after = logits(narrowed, x, 16);
            assertThat(narrowed.spec().text()).isEqualTo("mlp:20-6-6-10");
            for (int i = 0; i < before.length; i++) {
                assertThat((double) after[i]).isCloseTo(before[i], within(1e-5));
            }
            // and a cut that drops a live unit changes them
            p = new float[5 * 9];
            for (int r = 0; r < 5; r++) {
                p[r * 9 + live[r]] = 1f;
            }
            float[] lossy = logits(LayerSurgery.narrow(withDead, 0, p, 5, null), x, 16);
            double gap = 0;
            for (int i = 0; i < before.length; i++) {
                gap = Math.max(gap, Math.abs(lossy[i] - before[i]));
            }
            assertThat(gap).isGreaterThan(1e-3);
        }
    }

    static float[] logits(MlpWeights w, float[] x, int n) {
        try (Classifier net = w.toClassifier(TEN, Device.cpu()); NDManager m = net.model().getNDManager().newSubManager()) {
            assertThat(MlpWeights.of(net).layers().get(0).weight()).isEqualTo(w.layers().get(0).weight());
            return net.model().getBlock().forward(new ParameterStore(m, false),
                    new NDList(m.create(x, net.batchShape(n))), false).singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void theNarrowedParameterCountIsTheClosedForm() {
        Random rnd = new Random(1);
        int[] sizes = {784, 64, 32, 10};
        List<MlpWeights.Dense> layers = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            layers.add(new MlpWeights.Dense(sizes[i - 1], sizes[i], gaussian(rnd, sizes[i - 1] * sizes[i], 0.1),
                    gaussian(rnd, sizes[i], 0.1)));
        }
        MlpWeights net = new MlpWeights(layers);
        assertThat(net.parameterCount()).isEqualTo(ModelSpec.parse("mlp:784-64-32-10").parameterCount());
        float[] p = new float[20 * 64];
        double[] u = PlantedSignal.orthonormalRows(rnd, 20, 64);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) u[i];
        }
        MlpWeights cut = LayerSurgery.narrow(net, 0, p, 20, null);
        long closedForm = 784L * 20 + 20 + 20L * 32 + 32 + 32L * 10 + 10;
        assertThat(cut.parameterCount()).isEqualTo(closedForm)
                .isEqualTo(LayerSurgery.narrowedParameterCount(net, 0, 20))
                .isEqualTo(ModelSpec.parse("mlp:784-20-32-10").parameterCount());
        float[] p2 = new float[8 * 32];
        double[] u2 = PlantedSignal.orthonormalRows(rnd, 8, 32);
        for (int i = 0; i < p2.length; i++) {
            p2[i] = (float) u2[i];
        }
        MlpWeights twice = LayerSurgery.narrow(cut, 1, p2, 8, new double[32]);
        assertThat(twice.parameterCount()).isEqualTo(784L * 20 + 20 + 20L * 8 + 8 + 8L * 10 + 10)
                .isEqualTo(LayerSurgery.narrowedParameterCount(cut, 1, 8));
    }

    @Test
    void theOutputLayerAndMisshapenProjectionsAreRefused() {
        Random rnd = new Random(2);
        MlpWeights net = new MlpWeights(List.of(new MlpWeights.Dense(4, 3, gaussian(rnd, 12, 1), gaussian(rnd, 3, 1)),
                new MlpWeights.Dense(3, 2, gaussian(rnd, 6, 1), gaussian(rnd, 2, 1))));
        assertThatThrownBy(() -> LayerSurgery.narrow(net, 1, new float[2], 1, null)).hasMessageContaining("output layer");
        assertThatThrownBy(() -> LayerSurgery.narrow(net, 0, new float[5], 2, null)).hasMessageContaining("needs 6");
        assertThatThrownBy(() -> new MlpWeights(List.of(new MlpWeights.Dense(4, 3, new float[12], new float[3]),
                new MlpWeights.Dense(2, 2, new float[4], new float[2])))).hasMessageContaining("takes 2 inputs");
    }
}
