package dev.joulebench.compress.rmtkd;

/**
 * Self-distillation after a cut.
 *
 * @param epochs       epochs over the training split (0 = no distillation)
 * @param batchSize    batch size
 * @param learningRate AdamW learning rate
 * @param weightDecay  AdamW's decoupled weight decay
 * @param alpha        weight of the hard-label cross-entropy; {@code 1 - alpha} weighs the teacher's KL
 * @param temperature  softmax temperature of the KL term
 * @param patience     epochs without a better validation accuracy before distillation stops (0 = never early)
 * @param seed         seed of the batch order
 */
public record DistillSettings(int epochs, int batchSize, double learningRate, double weightDecay, double alpha,
                              double temperature, int patience, long seed) {}
