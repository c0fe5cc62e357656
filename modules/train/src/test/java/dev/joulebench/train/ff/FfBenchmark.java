package dev.joulebench.train.ff;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import dev.joulebench.nn.TorchEngine;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Throughput of {@link ForwardForwardTrainer#trainStep} (batch assembly, label embedding, forward of
 * positives and negatives through every layer, one backward, each layer's Adam step, statistics read
 * back) after warm-up, set beside bench/ff_pytorch.py. Run:
 * {@code mvn -o -pl modules/train test -Dtest=FfBenchmark -Dff.bench=true} (the test below) or as a main.
 */
public final class FfBenchmark {
    public static void main(String[] args) throws Exception {
        String sizes = args.length > 0 ? args[0] : "784-1000-1000-1000";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        System.out.println(run(sizes, batch, threads, warmup, steps));
    }

    static String run(String sizesText, int batch, int threads, int warmup, int steps) throws Exception {
        TorchEngine.configure(42, threads);
        ImageDataset data = DatasetCatalog.system().load("samples").train();
        List<Integer> sizes = java.util.Arrays.stream(sizesText.split("-")).map(Integer::valueOf).toList();
        TrainSpec spec = TrainSpec.of("ff", "samples", "mlp:" + sizesText);
        int f = data.featureCount();
        int classes = data.classes();
        try (FfNetwork net = new FfNetwork(sizes, classes, 0, false, Device.cpu());
             NDManager base = NDManager.newBaseManager(Device.cpu(), TorchEngine.NAME);
             ForwardForwardTrainer.Trainers trainers = new ForwardForwardTrainer.Trainers()) {
            for (int l = 0; l < net.layerCount(); l++) {
                Trainer t = net.layer(l).newTrainer(ForwardForwardTrainer.config(spec, Device.cpu()));
                trainers.layers.add(t);
                t.initialize(new Shape(2L * batch, sizes.get(l)));
            }
            ShuffledBatches batches = new ShuffledBatches(data.count(), batch, 42, true);
            float[] pixels = new float[batch * f];
            int[] labels = new int[batch];
            int[] wrong = new int[batch];
            long t0 = 0;
            int done = 0;
            for (int epoch = 0; done < warmup + steps; epoch++) {
                SplittableRandom rng = new SplittableRandom(42 + epoch);
                for (int[] rows : batches.epoch(epoch)) {
                    if (done == warmup) {
                        t0 = System.nanoTime();
                    }
                    if (done == warmup + steps) {
                        break;
                    }
                    data.fillFeatures(rows, pixels);
                    data.fillLabels(rows, labels);
                    for (int i = 0; i < rows.length; i++) {
                        wrong[i] = ForwardForwardTrainer.wrongLabel(labels[i], classes, rng);
                    }
                    ForwardForwardTrainer.trainStep(net, trainers, base, pixels, labels, wrong, rows.length);
                    done++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return String.format(Locale.ROOT, "{\"framework\": \"joulebench-djl\", \"threads\": %d, \"model\": \"mlp:%s\","
                    + " \"batch\": %d, \"steps\": %d, \"seconds\": %.3f, \"samples_per_second\": %.1f,"
                    + " \"ms_per_step\": %.2f}", TorchEngine.threads(), sizesText, batch, steps, seconds,
                    steps * batch / seconds, seconds * 1000 / steps);
        }
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "ff.bench", matches = "true")
    void benchmark() throws Exception {
        System.out.println("FFBENCH " + run("784-1000-1000-1000", 128, 2, 10, 50));
    }
}
