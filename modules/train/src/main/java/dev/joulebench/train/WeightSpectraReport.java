package dev.joulebench.train;

import dev.joulebench.core.Json;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.Weights;
import dev.joulebench.spectra.LayerSpectrum;
import dev.joulebench.spectra.SpectrumException;
import dev.joulebench.spectra.WeightMatrix;
import dev.joulebench.spectra.WeightSpectra;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Weight spectra of every layer of a classifier, and {@code spectra/weights.json} of a run. */
public final class WeightSpectraReport {
    public static final String FILE = "spectra/weights.json";

    private WeightSpectraReport() {}

    /**
     * Every layer that has a spectrum; a layer that has none (e.g. a first conv layer with one input
     * channel, whose slices are vectors) is left out, as WeightWatcher does, and named in {@code skipped}.
     */
    public static List<LayerSpectrum> analyze(Classifier net, List<String> skipped) {
        List<LayerSpectrum> out = new java.util.ArrayList<>();
        for (Weights.Tensor t : Weights.of(net)) {
            try {
                out.add(WeightSpectra.analyze(new WeightMatrix(t.name(), t.shape(), t.data())));
            } catch (SpectrumException e) {
                skipped.add(e.getMessage());
            }
        }
        return out;
    }

    /** Writes the per-layer spectra (metrics, ESD histogram, MP curve) for the app to plot. */
    public static Path write(Path runDir, List<LayerSpectrum> layers) throws IOException {
        Path file = runDir.resolve(FILE);
        Files.createDirectories(file.getParent());
        dev.joulebench.core.store.AtomicFiles.writeString(file, Json.write(layers));
        return file;
    }
}
