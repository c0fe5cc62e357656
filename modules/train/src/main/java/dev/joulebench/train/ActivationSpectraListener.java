package dev.joulebench.train;

import dev.joulebench.core.JobContext;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.spectra.ActivationSpectrum;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EigenTrack-style activation spectra while training: every K steps, a fixed window of samples
 * (the first rows of the validation set, so snapshots compare over time) goes through the network
 * in inference mode ({@link TrainableNetwork#hiddenActivations}), and the covariance spectrum of each
 * hidden layer's output is analysed. Each snapshot is a line of {@code spectra/activations.jsonl} and
 * a spectrum-snapshot event; the time it takes is on record as a share of training time.
 */
final class ActivationSpectraListener implements TrainingListener, AutoCloseable {
    static final String FILE = "spectra/activations.jsonl";
    private static final int TOP_K = 8;

    private final ImageDataset window;
    private final int every;
    private BufferedWriter out;
    private long snapshots;
    private long nanos;
    private final java.util.Set<String> skippedLayers = new java.util.HashSet<>();

    ActivationSpectraListener(ImageDataset source, int windowSize, int every) {
        this.window = source.head(Math.min(windowSize, source.count()));
        this.every = every;
    }

    @Override
    public void onStep(TrainingLoop.State state, TrainableNetwork.Step step) throws IOException {
        if (every > 0 && state.step() % every == 0 && window.count() >= 2) {
            long t0 = System.nanoTime();
            snapshot(state.ctx(), state.network(), state.step(), state.epoch());
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

    private void snapshot(JobContext ctx, TrainableNetwork net, long step, int epoch) throws IOException {
        List<TrainableNetwork.Activations> layers = net.hiddenActivations(window);
        if (layers.isEmpty()) {
            return;
        }
        for (TrainableNetwork.Activations a : layers) {
            java.util.Optional<ActivationSpectrum> analysed = analyze(a, why -> {
                if (skippedLayers.add(a.layer())) {
                    ctx.log("WARN", "activation spectrum of " + a.layer() + " skipped from step " + step + ": " + why);
                }
            });
            if (analysed.isEmpty()) {
                continue;
            }
            ActivationSpectrum s = analysed.get();
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("spectral_gap", s.spectralGap());
            d.put("gap_ratio", s.gapRatio());
            d.put("spectral_entropy", s.spectralEntropy());
            d.put("mp_lambda_plus", s.mpLambdaPlus());
            d.put("outliers", (double) s.outliers());
            d.put("kl_from_mp", s.klFromMp());
            write(ctx, step, epoch, a, s, d);
            ctx.events().emit(new RunEvent.SpectrumSnapshot(ctx.runId(), ctx.elapsed(), step, epoch, a.layer(),
                    "activation", s.topK(), d, FILE));
        }
        snapshots++;
    }

    /**
     * One layer's activation spectrum, or empty when its activations have none (every unit of a ReLU layer dead on
     * the window, a constant layer): that is a finding about the network, not a reason to fail the training run.
     */
    static java.util.Optional<ActivationSpectrum> analyze(TrainableNetwork.Activations a,
                                                          java.util.function.Consumer<String> skipped) {
        try {
            return java.util.Optional.of(ActivationSpectrum.analyze(a.layer(), a.values(), a.rows(), a.features(), TOP_K));
        } catch (dev.joulebench.spectra.SpectrumException e) {
            skipped.accept(e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private void write(JobContext ctx, long step, int epoch, TrainableNetwork.Activations a, ActivationSpectrum s,
                       Map<String, Double> d) throws IOException {
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
        line.put("layer", a.layer());
        line.put("samples", a.rows());
        line.put("features", a.features());
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
