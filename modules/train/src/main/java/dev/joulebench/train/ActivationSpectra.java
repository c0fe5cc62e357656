package dev.joulebench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.nn.Classifier;
import dev.joulebench.spectra.ActivationSpectrum;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * EigenTrack-style activation spectra while training: every K steps, a fixed window of samples
 * (the first rows of the validation set, so snapshots compare over time) goes through the network
 * in inference mode, and the covariance spectrum of each hidden ReLU output is analysed. Conv
 * activations are averaged over their spatial positions first (one feature per channel), which
 * keeps the covariance small enough to run inside training. Each snapshot is a line of
 * {@code spectra/activations.jsonl} and a spectrum-snapshot event.
 */
final class ActivationSpectra implements AutoCloseable {
    static final String FILE = "spectra/activations.jsonl";
    private static final int TOP_K = 8;

    private final Classifier net;
    private final ImageDataset window;
    private final int every;
    private final JobContext ctx;
    private BufferedWriter out;
    private long snapshots;
    private long nanos;

    ActivationSpectra(Classifier net, ImageDataset source, int windowSize, int every, JobContext ctx) {
        this.net = net;
        this.window = source.head(Math.min(windowSize, source.count()));
        this.every = every;
        this.ctx = ctx;
    }

    /** Called after each optimizer step. */
    void afterStep(long step, int epoch) throws IOException {
        if (every > 0 && step % every == 0 && window.count() >= 2) {
            long t0 = System.nanoTime();
            snapshot(step, epoch);
            nanos += System.nanoTime() - t0;
        }
    }

    /** Wall time spent taking snapshots during training, so their cost is on record. */
    double seconds() {
        return nanos / 1e9;
    }

    long snapshots() {
        return snapshots;
    }

    void snapshot(long step, int epoch) throws IOException {
        if (!(net.model().getBlock() instanceof SequentialBlock seq)) {
            return;
        }
        List<float[]> layers = new ArrayList<>();
        List<int[]> dims = new ArrayList<>();
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
                    layers.add(a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
                    dims.add(new int[] {Math.toIntExact(a.getShape().get(0)), Math.toIntExact(a.getShape().get(1))});
                }
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            String layer = "relu" + (i + 1);
            ActivationSpectrum s = ActivationSpectrum.analyze(layers.get(i), dims.get(i)[0], dims.get(i)[1], TOP_K);
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("spectral_gap", s.spectralGap());
            d.put("gap_ratio", s.gapRatio());
            d.put("spectral_entropy", s.spectralEntropy());
            d.put("mp_lambda_plus", s.mpLambdaPlus());
            d.put("outliers", (double) s.outliers());
            d.put("kl_from_mp", s.klFromMp());
            write(step, epoch, layer, dims.get(i), s, d);
            ctx.events().emit(new RunEvent.SpectrumSnapshot(ctx.runId(), ctx.elapsed(), step, epoch, layer, "activation",
                    s.topK(), d, FILE));
        }
        snapshots++;
    }

    private void write(long step, int epoch, String layer, int[] dim, ActivationSpectrum s, Map<String, Double> d)
            throws IOException {
        if (out == null) {
            Path file = ctx.runDir().resolve(FILE);
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t", ctx.elapsed());
        line.put("step", step);
        line.put("epoch", epoch);
        line.put("layer", layer);
        line.put("samples", dim[0]);
        line.put("features", dim[1]);
        line.putAll(d);
        line.put("eigenvalues", s.eigenvalues());
        out.write(Json.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(line));
        out.write('\n');
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
