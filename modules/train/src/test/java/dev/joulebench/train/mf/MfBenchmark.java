package dev.joulebench.train.mf;

import dev.joulebench.train.MethodFixtures;
import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.TorchEngine;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Joulebench's side of bench/mf_pytorch.py: mlp 784-1000-1000 (10 classes), batch 128, Adam, 2 threads,
 * samples/s of the schedule-{@code all} step over N steps after warm-up, on the samples' train images.
 * Skipped in normal builds; run with {@code -Djoulebench.mf.bench=true} (or its {@link #main}).
 */
class MfBenchmark {
    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("joulebench.mf.bench"), "set -Djoulebench.mf.bench=true");
        System.out.println(run(Integer.getInteger("joulebench.mf.warmup", 20), Integer.getInteger("joulebench.mf.steps", 200)));
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 20, args.length > 1 ? Integer.parseInt(args[1]) : 200));
    }

    static String run(int warmup, int steps) throws Exception {
        int batch = 128;
        TorchEngine.configure(42, 2);
        ImageDataset train = MethodFixtures.samples().train();
        TrainSpec spec = TrainSpec.of("mf", "samples", "mlp:784-1000-1000");
        float[] features = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, 42, true);
        try (MfNetwork net = new MfNetwork(List.of(784, 1000, 1000), 10, Device.cpu(),
                () -> dev.joulebench.train.Optimizers.of(spec))) {
            int done = 0;
            int epoch = 0;
            long t0 = 0;
            while (done < warmup + steps) {
                for (int[] rows : batches.epoch(epoch++)) {
                    if (done == warmup) {
                        t0 = System.nanoTime();
                    }
                    if (done == warmup + steps) {
                        break;
                    }
                    try (NDManager m = net.newBatchManager()) {
                        NDList xy = net.batch(m, train, rows, features, labels);
                        net.train(xy.get(0), xy.get(1), 0, net.layers() - 1);
                    }
                    done++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return String.format(Locale.ROOT, "{\"framework\": \"joulebench\", \"method\": \"mf\", \"threads\": %d, "
                    + "\"model\": \"mlp:784-1000-1000\", \"batch\": %d, \"steps\": %d, \"seconds\": %.3f, "
                    + "\"samples_per_second\": %.1f, \"ms_per_step\": %.2f}", TorchEngine.threads(), batch, steps,
                    seconds, steps * batch / seconds, seconds * 1000 / steps);
        }
    }
}
