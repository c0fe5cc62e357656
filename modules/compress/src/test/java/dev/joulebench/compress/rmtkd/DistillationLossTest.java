package dev.joulebench.compress.rmtkd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.joulebench.nn.TorchEngine;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The distillation loss against a hand computation in double precision, and its KL term at teacher = student. */
class DistillationLossTest {
    static final int BATCH = 8;
    static final int CLASSES = 10;

    static float[] logits(long seed, double scale) {
        Random rnd = new Random(seed);
        float[] z = new float[BATCH * CLASSES];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (scale * rnd.nextGaussian());
        }
        return z;
    }

    static double[] logSoftmax(float[] z, int row, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            max = Math.max(max, z[row * CLASSES + c] / t);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            sum += Math.exp(z[row * CLASSES + c] / t - max);
        }
        double[] out = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            out[c] = z[row * CLASSES + c] / t - max - Math.log(sum);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.5, 0.5})
    void matchesTheClosedFormAtEachTemperature(double t) {
        TorchEngine.configure(1, 1);
        float[] s = logits(1, 2.0);
        float[] te = logits(2, 2.0);
        long[] y = {0, 3, 9, 1, 1, 5, 7, 2};
        double alpha = 0.7;
        double ce = 0;
        double kl = 0;
        for (int i = 0; i < BATCH; i++) {
            ce -= logSoftmax(s, i, 1.0)[(int) y[i]];
            double[] lt = logSoftmax(te, i, t);
            double[] ls = logSoftmax(s, i, t);
            for (int c = 0; c < CLASSES; c++) {
                kl += Math.exp(lt[c]) * (lt[c] - ls[c]);
            }
        }
        ce /= BATCH;
        kl /= BATCH;
        try (NDManager m = Engine.getInstance().newBaseManager()) {
            DistillationLoss loss = new DistillationLoss(alpha, t);
            NDArray student = m.create(s, new ai.djl.ndarray.types.Shape(BATCH, CLASSES));
            NDArray teacher = m.create(te, new ai.djl.ndarray.types.Shape(BATCH, CLASSES));
            NDList terms = loss.terms(student, teacher, m.create(y));
            assertThat((double) terms.get(1).getFloat()).isCloseTo(ce, within(1e-5));
            assertThat((double) terms.get(2).getFloat()).isCloseTo(kl, within(1e-5));
            assertThat(kl).isGreaterThan(0.01);
            double total = alpha * ce + (1 - alpha) * t * t * kl;
            assertThat((double) terms.get(0).getFloat()).isCloseTo(total, within(1e-5 * (1 + total)));
            assertThat((double) loss.evaluate(new NDList(m.create(y), teacher), new NDList(student)).getFloat())
                    .isCloseTo(total, within(1e-5 * (1 + total)));
        }
    }

    @Test
    void theKlTermAndItsGradientAreZeroWhenTeacherEqualsStudent() {
        TorchEngine.configure(1, 1);
        float[] z = logits(3, 4.0);
        try (NDManager m = Engine.getInstance().newBaseManager()) {
            NDArray teacher = m.create(z, new ai.djl.ndarray.types.Shape(BATCH, CLASSES));
            NDArray student = m.create(z, new ai.djl.ndarray.types.Shape(BATCH, CLASSES));
            student.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray kl = DistillationLoss.klDivergence(teacher, student, 2.0);
                gc.backward(kl);
                assertThat((double) kl.getFloat()).isCloseTo(0.0, within(1e-7));
            }
            for (float g : student.getGradient().toFloatArray()) {
                assertThat((double) g).isCloseTo(0.0, within(1e-7));
            }
            // with alpha = 0 the whole loss is the KL term: zero too
            NDList terms = new DistillationLoss(0.0, 3.0).terms(teacher, teacher, m.create(new long[BATCH]));
            assertThat((double) terms.get(0).getFloat()).isCloseTo(0.0, within(1e-6));
        }
    }

    @Test
    void weightsAndTemperaturesOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> new DistillationLoss(1.5, 1.0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new DistillationLoss(0.5, 0.0)).hasMessageContaining("temperature");
    }
}
