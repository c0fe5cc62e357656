package dev.joulebench.train.cafo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparsemax, the closed-form MSE predictor, the DFA update direction and the summed prediction. */
class CafoMathTest {
    private static NDManager manager() {
        TorchEngine.configure(1, 2);
        return TorchEngine.get().newBaseManager(Device.cpu());
    }

    @Test
    void sparsemaxProjectsOntoTheSimplex() {
        try (NDManager m = manager()) {
            NDArray z = m.create(new float[] {1f, 0.5f, -1f, 0.2f, 0.2f, 0.2f, 3f, 0f, 0f, 0.5f, 0.5f, -2f},
                    new Shape(4, 3));
            float[] p = Sparsemax.project(z).p().toFloatArray();
            assertThat(p[0]).isCloseTo(0.75f, within(1e-6f));
            assertThat(p[1]).isCloseTo(0.25f, within(1e-6f));
            assertThat(p[2]).isEqualTo(0f);
            for (int j = 3; j < 6; j++) {
                assertThat(p[j]).isCloseTo(1f / 3, within(1e-6f)); // all tied
            }
            assertThat(new float[] {p[6], p[7], p[8]}).containsExactly(1f, 0f, 0f);
            assertThat(new float[] {p[9], p[10], p[11]}).containsExactly(0.5f, 0.5f, 0f); // tie in the support
            Random r = new Random(3);
            float[] v = new float[50 * 7];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 2);
            }
            float[] q = Sparsemax.project(m.create(v, new Shape(50, 7))).p().toFloatArray();
            for (int row = 0; row < 50; row++) {
                double sum = 0;
                for (int j = 0; j < 7; j++) {
                    assertThat(q[row * 7 + j]).isGreaterThanOrEqualTo(0f);
                    sum += q[row * 7 + j];
                }
                assertThat(sum).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void sparsemaxLossValueAndGradient() {
        try (NDManager m = manager()) {
            // z = [1, 0.5, -1], y = 0: tau = 0.25, S = {0, 1}: L = -1 + (1 + 0.25 - 2*0.0625)/2 + 0.5 = 0.0625
            NDArray z = m.create(new float[] {1f, 0.5f, -1f}, new Shape(1, 3));
            NDArray y = m.create(new long[] {0});
            assertThat(Sparsemax.loss(z, y).getFloat(0)).isCloseTo(0.0625f, within(1e-6f));
            assertThat(Sparsemax.gradient(z, y).toFloatArray()).containsExactly(-0.25f, 0.25f, 0f);
            // confident and right: zero loss
            assertThat(Sparsemax.loss(m.create(new float[] {3f, 0f, 0f}, new Shape(1, 3)), y).getFloat(0))
                    .isCloseTo(0f, within(1e-6f));
            // the gradient matches central finite differences of the loss
            float[] base = {0.3f, -0.4f, 0.9f, 0.1f};
            NDArray label = m.create(new long[] {1});
            float[] grad = Sparsemax.gradient(m.create(base, new Shape(1, 4)), label).toFloatArray();
            double h = 1e-3;
            for (int j = 0; j < 4; j++) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[j] += (float) h;
                minus[j] -= (float) h;
                double numeric = (Sparsemax.loss(m.create(plus, new Shape(1, 4)), label).getFloat(0)
                        - Sparsemax.loss(m.create(minus, new Shape(1, 4)), label).getFloat(0)) / (2 * h);
                assertThat(numeric).as("d/dz" + j).isCloseTo(grad[j], within(2e-3));
            }
        }
    }

    @Test
    void closedFormPredictorIsTheRidgeLeastSquaresSolution() {
        try (NDManager m = manager()) {
            int n = 60;
            int d = 5;
            int k = 3;
            Random r = new Random(11);
            float[] f = new float[n * d];
            long[] y = new long[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(k);
                for (int j = 0; j < d; j++) {
                    f[i * d + j] = (float) (r.nextGaussian() + (j == y[i] ? 1.5 : 0));
                }
            }
            double[] w;
            double lambda;
            try (RidgeLeastSquares ls = new RidgeLeastSquares(m, d, k)) {
                // two batches
                ls.add(m.create(java.util.Arrays.copyOf(f, 25 * d), new Shape(25, d)),
                        m.create(java.util.Arrays.copyOf(y, 25)));
                ls.add(m.create(java.util.Arrays.copyOfRange(f, 25 * d, n * d), new Shape(n - 25, d)),
                        m.create(java.util.Arrays.copyOfRange(y, 25, n)));
                assertThat(ls.rows()).isEqualTo(n);
                float[] sol = ls.solve(1e-3, m).toFloatArray();
                w = new double[sol.length];
                for (int i = 0; i < sol.length; i++) {
                    w[i] = sol[i];
                }
                lambda = ls.lambda();
            }
            // Independent: normal equations (A^T A + lambda I) W = A^T Y by Gaussian elimination, A = [F 1].
            int a = d + 1;
            double[][] sys = new double[a][a + k];
            double trace = 0;
            for (int i = 0; i < n; i++) {
                double[] row = new double[a];
                for (int j = 0; j < d; j++) {
                    row[j] = f[i * d + j];
                }
                row[d] = 1;
                for (int p = 0; p < a; p++) {
                    for (int q = 0; q < a; q++) {
                        sys[p][q] += row[p] * row[q];
                    }
                    sys[p][a + (int) y[i]] += row[p];
                }
            }
            for (int p = 0; p < a; p++) {
                trace += sys[p][p];
            }
            assertThat(lambda).isCloseTo(1e-3 * trace / a, within(1e-6 * trace));
            for (int p = 0; p < a; p++) {
                sys[p][p] += lambda;
            }
            for (int col = 0; col < a; col++) {
                int piv = col;
                for (int row = col + 1; row < a; row++) {
                    if (Math.abs(sys[row][col]) > Math.abs(sys[piv][col])) {
                        piv = row;
                    }
                }
                double[] t = sys[col];
                sys[col] = sys[piv];
                sys[piv] = t;
                for (int row = 0; row < a; row++) {
                    if (row != col) {
                        double factor = sys[row][col] / sys[col][col];
                        for (int c = col; c < a + k; c++) {
                            sys[row][c] -= factor * sys[col][c];
                        }
                    }
                }
            }
            for (int p = 0; p < a; p++) {
                for (int c = 0; c < k; c++) {
                    assertThat(w[p * k + c]).as("W[%d][%d]", p, c).isCloseTo(sys[p][a + c] / sys[p][p], within(1e-4));
                }
            }
        }
    }

    @Test
    void predictionIsTheArgmaxOfTheSummedPredictorOutputs() {
        try (NDManager m = manager()) {
            // Block 1 alone says class 0 (the largest single output), blocks 2 and 3 say class 1: the sum is [2, 3, 0].
            NDArray g1 = m.create(new float[] {2f, 0f, 0f, 0f, 0f, 1f}, new Shape(2, 3));
            NDArray g2 = m.create(new float[] {0f, 1.5f, 0f, 0.4f, 0f, 0f}, new Shape(2, 3));
            NDArray g3 = m.create(new float[] {0f, 1.5f, 0f, 0.4f, 0f, 0f}, new Shape(2, 3));
            assertThat(CafoNetwork.predict(List.of(g1, g2, g3)).toLongArray()).containsExactly(1L, 2L);
            assertThat(CafoNetwork.predict(List.of(g1)).toLongArray()).containsExactly(0L, 2L);
        }
    }

    @Test
    void dfaMovesTheBlockOutputAgainstTheProjectedError() {
        TorchEngine.configure(4, 2);
        ModelSpec.Cnn spec = (ModelSpec.Cnn) ModelSpec.parse("cnn:1x8x8-c4-c4-3");
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-3f)).optMomentum(0f).build();
        try (CafoNetwork net = new CafoNetwork(spec, 3, CafoNetwork.Variant.DFA, CafoNetwork.LossKind.CE,
                Device.cpu(), 4, sgd); NDManager m = net.newBatchManager()) {
            Random r = new Random(5);
            float[] px = new float[16 * 64];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            NDArray x = m.create(px, new Shape(16, 1, 8, 8));
            long[] labels = new long[16];
            for (int i = 0; i < 16; i++) {
                labels[i] = i % 3;
            }
            NDArray y = m.create(labels);
            // Before the step: the block's output (batch statistics, as in training) and its DFA signal e B_1.
            NDArray out0 = net.block(0, x, true).reshape(16, -1);
            List<NDArray> outputs = List.of(net.predictor(0, out0), net.predictor(1,
                    net.block(1, net.block(0, x, true), true).reshape(16, -1)));
            NDArray signal = net.dfaError(outputs, y).matMul(net.feedback[0]);
            float[] w0 = net.convW[0].toFloatArray();
            net.step(x, y, null);
            float[] w1 = net.convW[0].toFloatArray();
            assertThat(w1).isNotEqualTo(w0);
            NDArray out1 = net.block(0, x, true).reshape(16, -1);
            double inner = out1.sub(out0).mul(signal).sum().getFloat();
            assertThat(inner).isNegative();
        }
    }
}
