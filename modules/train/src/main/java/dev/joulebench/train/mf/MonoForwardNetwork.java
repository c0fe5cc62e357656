package dev.joulebench.train.mf;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.train.TrainableNetwork;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A Mono-Forward MLP on the shared loop: each step updates the layers the plan trains in that epoch. */
final class MonoForwardNetwork implements TrainableNetwork {
    private static final int EVAL_BATCH = 256;

    private final MfNetwork net;
    private final MonoForwardTrainer.Plan plan;
    private final float[] features;
    private final int[] labels;
    private final int evalBatch;

    MonoForwardNetwork(MfNetwork net, MonoForwardTrainer.Plan plan, int batchSize) {
        this.net = net;
        this.plan = plan;
        this.features = new float[batchSize * net.sizes().get(0)];
        this.labels = new int[batchSize];
        this.evalBatch = Math.max(batchSize, EVAL_BATCH);
    }

    @Override
    public int epochs(int budget) {
        return plan.epochs();
    }

    @Override
    public Step step(ImageDataset train, int[] rows, int epoch) {
        int first = plan.first()[epoch];
        int last = plan.last()[epoch];
        List<MfNetwork.LayerStats> stats;
        try (NDManager m = net.newBatchManager()) {
            NDList xy = net.batch(m, train, rows, features, labels);
            stats = net.train(xy.get(0), xy.get(1), first, last);
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        double mean = 0;
        for (MfNetwork.LayerStats s : stats) {
            parts.put("layer" + (s.layer() + 1) + "_loss", s.loss());
            parts.put("layer" + (s.layer() + 1) + "_accuracy", (double) s.correct() / s.count());
            mean += s.loss();
        }
        if (plan.greedy()) {
            parts.put("active_layer", (double) first + 1);
        }
        return new Step(mean / stats.size(), parts);
    }

    /** Only the last layer's epochs of a greedy schedule: before them its prediction head is untrained. */
    @Override
    public boolean watched(int epoch) {
        return !plan.greedy() || plan.last()[epoch] == net.layers() - 1;
    }

    @Override
    public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
        long t0 = System.nanoTime();
        MfNetwork.Evaluation e = net.evaluate(data, evalBatch, cancellation);
        Map<String, Double> parts = new LinkedHashMap<>();
        for (int i = 0; i < net.layers(); i++) {
            parts.put("layer" + (i + 1) + "_accuracy", e.accuracy(i));
        }
        return new Scores(e.count(), e.accuracy(e.last()), e.meanLoss(e.last()), parts,
                (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public long parameterCount() {
        return net.parameterCount();
    }

    @Override
    public List<Activations> hiddenActivations(ImageDataset window) {
        List<Activations> out = new ArrayList<>();
        int[] rows = IntStream.range(0, window.count()).toArray();
        try (NDManager m = net.newBatchManager()) {
            NDList xy = net.batch(m, window, rows, new float[rows.length * window.featureCount()],
                    new int[rows.length]);
            List<NDList> layers = net.forward(xy.get(0));
            for (int i = 0; i < layers.size(); i++) {
                NDArray a = layers.get(i).get(0);
                out.add(new Activations("layer" + (i + 1), a.toFloatArray(), rows.length,
                        Math.toIntExact(a.getShape().get(1))));
            }
        }
        return out;
    }

    @Override
    public Object checkpointPayload() {
        return new MonoForwardTrainer.Payload(net.sizes());
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
        net.save(out);
    }

    @Override
    public void loadWeights(DataInputStream in) throws IOException, MalformedModelException {
        net.load(in);
    }

    @Override
    public void close() {
        net.close();
    }
}
