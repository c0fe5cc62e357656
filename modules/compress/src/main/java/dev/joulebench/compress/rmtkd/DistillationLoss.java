package dev.joulebench.compress.rmtkd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Knowledge-distillation loss of a student against a teacher (Hinton et al. 2015), as RMT-KD heals each
 * cut: {@code alpha * CE(student, labels) + (1 - alpha) * T^2 * KL(teacher || student)}, the KL between the
 * temperature-{@code T} softmaxes {@code p_t = softmax(z_t / T)} and {@code p_s = softmax(z_s / T)},
 * {@code KL = sum_c p_t (log p_t - log p_s)}, each term averaged over the batch. The cross-entropy is on the
 * logits at temperature 1; {@code T^2} keeps the soft term's gradients on the scale of the hard one's.
 *
 * <p>As a DJL {@link Loss}: labels are {@code [class indices (int64), teacher logits]}, predictions
 * {@code [student logits]}. The teacher logits must come without gradient history (computed outside a
 * gradient collector).
 */
public final class DistillationLoss extends Loss {
    private final double alpha;
    private final double temperature;

    public DistillationLoss(double alpha, double temperature) {
        super("DistillationLoss");
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.alpha = alpha;
        this.temperature = temperature;
    }

    public double alpha() {
        return alpha;
    }

    public double temperature() {
        return temperature;
    }

    /** The two terms and their weighted sum, as scalars: {@code [total, cross-entropy, KL]}. */
    public NDList terms(NDArray studentLogits, NDArray teacherLogits, NDArray labels) {
        NDArray ce = crossEntropy(studentLogits, labels);
        NDArray kl = klDivergence(teacherLogits, studentLogits, temperature);
        NDArray total = ce.mul((float) alpha).add(kl.mul((float) ((1 - alpha) * temperature * temperature)));
        return new NDList(total, ce, kl);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return terms(predictions.singletonOrThrow(), labels.get(1), labels.get(0)).get(0);
    }

    /** Mean softmax cross-entropy of logits against class indices. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return logits.logSoftmax(1).gather(labels.reshape(-1, 1), 1).neg().mean();
    }

    /** Mean {@code KL(softmax(teacher / T) || softmax(student / T))} over the batch, in nats. */
    public static NDArray klDivergence(NDArray teacherLogits, NDArray studentLogits, double temperature) {
        float t = (float) temperature;
        NDArray logTeacher = teacherLogits.div(t).logSoftmax(1);
        NDArray logStudent = studentLogits.div(t).logSoftmax(1);
        return logTeacher.exp().mul(logTeacher.sub(logStudent)).sum(new int[] {1}).mean();
    }
}
