package dev.joulebench.train.cafo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed-form predictors of {@code loss=mse}: ridge least squares of every block's features against the
 * one-hot labels, from sums accumulated during an epoch or from one extra pass.
 */
final class CafoLeastSquares {
    private CafoLeastSquares() {}

    /** Replaces the predictors with the closed-form least-squares solutions of the accumulated sums. */
    static void solvePredictors(CafoNetwork net, List<RidgeLeastSquares> accumulators, double ridge) {
        for (int i = 0; i < net.blocks; i++) {
            try (NDManager m = net.newBatchManager()) {
                NDArray wb = accumulators.get(i).solve(ridge, m);
                float[] all = wb.toFloatArray();
                int f = net.features[i];
                net.predW[i].set(java.nio.FloatBuffer.wrap(all, 0, f * net.classes));
                net.predB[i].set(java.nio.FloatBuffer.wrap(all, f * net.classes, net.classes));
            }
        }
    }

    /** One closed-form pass over {@code data} (running-statistics features): fits every predictor by ridge least squares. */
    static void fitLeastSquares(CafoNetwork net, ImageDataset data, int batchSize, double ridge,
                                CancellationToken cancellation) {
        List<RidgeLeastSquares> acc = newAccumulators(net);
        try {
            float[] buffer = new float[batchSize * net.spec.inputFeatures()];
            int[] labels = new int[batchSize];
            for (int[] rows : ShuffledBatches.sequential(data.count(), batchSize)) {
                if (cancellation != null) {
                    cancellation.throwIfCancelled();
                }
                try (NDManager m = net.newBatchManager()) {
                    NDList xy = net.batch(m, data, rows, buffer, labels);
                    List<NDArray> f = net.features(xy.get(0));
                    for (int i = 0; i < net.blocks; i++) {
                        acc.get(i).add(f.get(i), xy.get(1));
                    }
                }
            }
            solvePredictors(net, acc, ridge);
        } finally {
            acc.forEach(RidgeLeastSquares::close);
        }
    }

    static List<RidgeLeastSquares> newAccumulators(CafoNetwork net) {
        List<RidgeLeastSquares> acc = new ArrayList<>(net.blocks);
        for (int i = 0; i < net.blocks; i++) {
            acc.add(new RidgeLeastSquares(net.manager(), net.features[i], net.classes));
        }
        return acc;
    }
}
