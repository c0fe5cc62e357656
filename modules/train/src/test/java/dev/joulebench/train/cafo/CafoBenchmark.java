package dev.joulebench.train.cafo;

import dev.joulebench.train.MethodFixtures;
import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Joulebench's side of bench/cafo_pytorch.py: CaFo-Rand-CE on cnn:1x28x28-c32-c128-c512-10 (or
 * {@code -Djoulebench.cafo.model}), batch 128, Adam, 2 threads, samples/s of the training step over N steps
 * after warm-up, on the samples' train images. Skipped in normal builds; run with
 * {@code -Djoulebench.cafo.bench=true} (or its {@link #main}).
 */
class CafoBenchmark {
    @Test
    void measure() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("joulebench.cafo.bench"), "set -Djoulebench.cafo.bench=true");
        System.out.println(run(System.getProperty("joulebench.cafo.model", "cnn:1x28x28-c32-c128-c512-10"),
                Integer.getInteger("joulebench.cafo.warmup", 5), Integer.getInteger("joulebench.cafo.steps", 40)));
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(args.length > 0 ? args[0] : "cnn:1x28x28-c32-c128-c512-10",
                args.length > 1 ? Integer.parseInt(args[1]) : 5, args.length > 2 ? Integer.parseInt(args[2]) : 40));
    }

    static String run(String model, int warmup, int steps) throws Exception {
        int batch = 128;
        TorchEngine.configure(42, 2);
        ImageDataset train = MethodFixtures.samples().train();
        TrainSpec spec = TrainSpec.of("cafo", "samples", model);
        ModelSpec.Cnn cnn = (ModelSpec.Cnn) ModelSpec.parse(model);
        float[] features = new float[batch * train.featureCount()];
        int[] labels = new int[batch];
        ShuffledBatches batches = new ShuffledBatches(train.count(), batch, 42, true);
        try (CafoNetwork net = new CafoNetwork(cnn, 10, CafoNetwork.Variant.RAND, CafoNetwork.LossKind.CE,
                Device.cpu(), 42, dev.joulebench.train.Optimizers.of(spec))) {
            net.calibrate(train, 512, 256, null);
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
                        net.step(xy.get(0), xy.get(1), null);
                    }
                    done++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return String.format(Locale.ROOT, "{\"framework\": \"joulebench\", \"method\": \"cafo\", \"variant\": "
                    + "\"rand\", \"loss\": \"ce\", \"threads\": %d, \"model\": \"%s\", \"batch\": %d, \"steps\": %d, "
                    + "\"seconds\": %.3f, \"samples_per_second\": %.1f, \"ms_per_step\": %.2f}", TorchEngine.threads(),
                    model, batch, steps, seconds, steps * batch / seconds, seconds * 1000 / steps);
        }
    }
}
