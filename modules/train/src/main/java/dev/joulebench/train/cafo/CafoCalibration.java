package dev.joulebench.train.cafo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;

/** The BatchNorm calibration of a CaFo cascade before training (exact statistics, block after block). */
final class CafoCalibration {
    private CafoCalibration() {}

    /**
     * Sets every block's running statistics to the exact mean and (biased) variance over {@code images}
     * rows of {@code data}, block after block (block i's statistics are taken on inputs normalised by the
     * statistics already set for the earlier blocks).
     */
    static void calibrate(CafoNetwork net, ImageDataset data, int images, int batchSize,
                          CancellationToken cancellation) {
        int n = Math.min(images, data.count());
        float[] buffer = new float[batchSize * net.spec.inputFeatures()];
        int[] labels = new int[batchSize];
        for (int i = 0; i < net.blocks; i++) {
            double[] sum = new double[net.outChannels[i]];
            double[] sumSq = new double[net.outChannels[i]];
            long count = 0;
            for (int[] rows : ShuffledBatches.sequential(n, batchSize)) {
                if (cancellation != null) {
                    cancellation.throwIfCancelled();
                }
                try (NDManager m = net.newBatchManager()) {
                    NDArray in = net.batch(m, data, rows, buffer, labels).get(0);
                    for (int j = 0; j < i; j++) {
                        in = net.block(j, in, false);
                    }
                    NDArray y = net.preNorm(i, in);
                    float[] s = y.sum(new int[] {0, 2, 3}).toFloatArray();
                    float[] s2 = y.square().sum(new int[] {0, 2, 3}).toFloatArray();
                    for (int c = 0; c < s.length; c++) {
                        sum[c] += s[c];
                        sumSq[c] += s2[c];
                    }
                    count += y.getShape().size() / net.outChannels[i];
                }
            }
            float[] mean = new float[sum.length];
            float[] var = new float[sum.length];
            for (int c = 0; c < sum.length; c++) {
                double mu = sum[c] / count;
                mean[c] = (float) mu;
                var[c] = (float) Math.max(0, sumSq[c] / count - mu * mu);
            }
            net.runMean[i].set(java.nio.FloatBuffer.wrap(mean));
            net.runVar[i].set(java.nio.FloatBuffer.wrap(var));
        }
    }
}
