package dev.joulebench.train.bp;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import dev.joulebench.core.CancellationToken;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import dev.joulebench.spectra.LayerSpectrum;
import dev.joulebench.train.BackpropStep;
import dev.joulebench.train.TrainableNetwork;
import dev.joulebench.train.WeightSpectraReport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A {@link Classifier} trained by backprop: one DJL trainer, one softmax cross-entropy step per batch. */
final class BackpropNetwork implements TrainableNetwork {
    private static final int EVAL_BATCH = 256;

    private final Classifier net;
    private final TrainSpec spec;
    private final Trainer trainer;
    private final float[] features;
    private final int[] labels;
    private double meanAlpha = Double.NaN;

    /**
     * @param spec the training spec (optimizer, batch size): parameters are initialised for training; null
     *             for a network restored from a checkpoint, only evaluated
     */
    BackpropNetwork(Classifier net, TrainSpec spec) {
        this.net = net;
        this.spec = spec;
        if (spec == null) {
            trainer = null;
            features = null;
            labels = null;
            return;
        }
        trainer = BackpropStep.trainer(net.model(), spec, net.device(), net.batchShape(spec.batchSize()));
        features = new float[Math.multiplyExact(spec.batchSize(), net.spec().inputFeatures())];
        labels = new int[spec.batchSize()];
    }

    @Override
    public Step step(ImageDataset train, int[] rows, int epoch) {
        if (trainer == null) {
            throw new IllegalStateException("a network restored for evaluation cannot train");
        }
        float loss;
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDList xy = net.batch(m, train, rows, features, labels);
            loss = BackpropStep.run(trainer, xy.get(0), xy.get(1));
        }
        return new Step(loss, Map.of());
    }

    @Override
    public Scores evaluate(ImageDataset data, CancellationToken cancellation) {
        int batch = spec == null ? EVAL_BATCH : Math.max(spec.batchSize(), EVAL_BATCH);
        Classifier.Evaluation e = net.evaluate(data, batch, cancellation);
        return new Scores(e.count(), e.accuracy(), e.meanLoss(), Map.of(), e.seconds());
    }

    @Override
    public long parameterCount() {
        return net.spec().parameterCount();
    }

    /** The output of every ReLU of the sequential network (conv outputs averaged over positions: one feature per channel). */
    @Override
    public List<Activations> hiddenActivations(ImageDataset window) {
        if (!(net.model().getBlock() instanceof SequentialBlock seq)) {
            return List.of();
        }
        List<Activations> out = new ArrayList<>();
        try (NDManager m = net.model().getNDManager().newSubManager()) {
            int[] rows = IntStream.range(0, window.count()).toArray();
            NDList xy = net.batch(m, window, rows, new float[rows.length * window.featureCount()], new int[rows.length]);
            ParameterStore params = new ParameterStore(m, false);
            NDList current = new NDList(xy.get(0));
            for (Block child : seq.getChildren().values()) {
                current = child.forward(params, current, false);
                if (child instanceof LambdaBlock lambda && "ReLU".equals(lambda.getName())) {
                    NDArray a = current.singletonOrThrow();
                    if (a.getShape().dimension() == 4) {
                        a = a.mean(new int[] {2, 3});
                    }
                    out.add(new Activations("relu" + (out.size() + 1), a.toType(DataType.FLOAT32, false).toFloatArray(),
                            Math.toIntExact(a.getShape().get(0)), Math.toIntExact(a.getShape().get(1))));
                }
            }
        }
        return out;
    }

    /** Weight spectra of the final model: {@code spectra/weights.json}, one event per layer, the mean alpha. */
    @Override
    public void report(JobContext ctx, long step, int epoch) throws IOException {
        List<String> skipped = new ArrayList<>();
        List<LayerSpectrum> layers = WeightSpectraReport.analyze(net, skipped);
        skipped.forEach(s -> ctx.log("INFO", "weight spectra: skipped " + s));
        ctx.artifact(WeightSpectraReport.write(ctx.runDir(), layers), "weight spectra of the final model");
        for (LayerSpectrum l : layers) {
            double[] ev = l.esd().eigenvalues();
            double[] top = Arrays.copyOfRange(ev, Math.max(0, ev.length - 8), ev.length);
            double[] descending = IntStream.range(0, top.length).mapToDouble(i -> top[top.length - 1 - i]).toArray();
            ctx.events().emit(new RunEvent.SpectrumSnapshot(ctx.runId(), ctx.elapsed(), step, epoch, l.layer(), "weight",
                    descending, Map.of("alpha", l.powerLaw().alpha(), "spikes", (double) l.spikes(),
                            "mp_sigma2", l.mp().sigma2(), "stable_rank", l.stableRank()),
                    WeightSpectraReport.FILE));
        }
        layers.stream().mapToDouble(l -> l.powerLaw().alpha()).filter(Double::isFinite).average()
                .ifPresent(a -> meanAlpha = a);
    }

    @Override
    public Map<String, Double> summary() {
        Map<String, Double> s = new LinkedHashMap<>();
        if (!Double.isNaN(meanAlpha)) {
            s.put(MetricKeys.SPECTRA_MEAN_ALPHA, meanAlpha);
        }
        return s;
    }

    @Override
    public void saveWeights(DataOutputStream out) throws IOException {
        net.model().getBlock().saveParameters(out);
    }

    @Override
    public void loadWeights(DataInputStream in) throws IOException, MalformedModelException {
        net.model().getBlock().loadParameters(net.model().getNDManager(), in);
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        net.close();
    }
}
