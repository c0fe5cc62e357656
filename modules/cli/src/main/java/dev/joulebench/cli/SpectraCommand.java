package dev.joulebench.cli;

import ai.djl.Device;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.TorchEngine;
import dev.joulebench.onnx.DenseWeight;
import dev.joulebench.onnx.DenseWeights;
import dev.joulebench.onnx.OnnxModel;
import dev.joulebench.spectra.LayerSpectrum;
import dev.joulebench.spectra.SpectrumException;
import dev.joulebench.spectra.WeightMatrix;
import dev.joulebench.spectra.WeightSpectra;
import dev.joulebench.train.SavedModel;
import dev.joulebench.train.WeightSpectraReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "spectra", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Weight spectra of a trained model, layer by layer: Marchenko-Pastur fit (sigma^2, bulk edge,",
            "spikes, KS), WeightWatcher's power-law alpha and derived metrics. For a run, also writes",
            "its spectra/weights.json (ESD histograms and MP curves for plotting)."})
final class SpectraCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN|DIR|FILE.onnx",
            description = "Run id (or unique part), checkpoint directory, or an .onnx file (its Gemm/MatMul/Conv weights).")
    String model;

    @Option(names = "--layer", paramLabel = "NAME", description = "Only layers whose name contains NAME.")
    String layer;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        List<LayerSpectrum> layers;
        if (model.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            layers = onnxLayers(model, OnnxModel.read(Path.of(model)));
        } else {
            SavedModel saved = SavedModel.resolve(model, new RunStore(common.workspace()));
            Path checkpoint = saved.checkpointDir();
            Path runDir = saved.runDir();
            TorchEngine.get();
            try (Classifier net = Classifier.load(checkpoint, Device.cpu())) {
                List<String> skipped = new ArrayList<>();
                layers = new ArrayList<>(WeightSpectraReport.analyze(net, skipped));
                skipped.forEach(s -> System.err.println("skipped " + s));
            }
            if (runDir != null && Files.isRegularFile(runDir.resolve(RunDirectory.RUN_JSON))) {
                WeightSpectraReport.write(runDir, layers);
            }
        }
        if (layer != null) {
            layers.removeIf(l -> !l.layer().contains(layer));
            if (layers.isEmpty()) {
                throw new BadInputException("No layer matches '" + layer + "'");
            }
        }
        PrintStream out = System.out;
        if (common.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (LayerSpectrum l : layers) {
                rows.add(row(l));
            }
            out.println(Json.write(rows));
            return ExitCodes.OK;
        }
        String fmt = "%-18s %11s %10s %10s %7s %6s %7s %7s %8s %8s %8s  %s%n";
        out.printf(Locale.ROOT, fmt, "LAYER", "N x M", "MP sigma2", "lambda+", "SPIKES", "KS", "ALPHA", "ALPHA^",
                "STABLE-R", "LOG-NORM", "ENTROPY", "FLAG");
        for (LayerSpectrum l : layers) {
            out.printf(Locale.ROOT, fmt, l.layer(), l.n() + "x" + l.m(), num(l.mp().sigma2()), num(l.mp().lambdaPlus()),
                    l.spikes(), String.format(Locale.ROOT, "%.3f", l.mp().ks()),
                    String.format(Locale.ROOT, "%.2f", l.powerLaw().alpha()), String.format(Locale.ROOT, "%.2f", l.alphaHat()),
                    String.format(Locale.ROOT, "%.1f", l.stableRank()), String.format(Locale.ROOT, "%.3f", l.logSpectralNorm()),
                    String.format(Locale.ROOT, "%.3f", l.spectralEntropy()), l.flag() == null ? "" : l.flag());
        }
        out.println("Eigenvalues of W^T W / N (N >= M); alpha and the norms on WeightWatcher's scale (sigma_i^2).");
        return ExitCodes.OK;
    }

    /**
     * Spectra of an ONNX model's dense weights (Gemm, MatMul with an initializer, Conv), named by initializer;
     * conv kernels go through ConvKernels like a checkpoint's. Weights without a spectrum are named on stderr.
     */
    private static List<LayerSpectrum> onnxLayers(String file, OnnxModel onnx) {
        List<DenseWeight> weights;
        try {
            weights = DenseWeights.of(onnx);
        } catch (BadInputException e) {
            // Extraction's messages name a tensor; say which file it is in.
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
        if (weights.isEmpty()) {
            throw new BadInputException("The ONNX model has no dense weights (Gemm, MatMul with an initializer, or Conv)"
                    + " to analyse");
        }
        List<LayerSpectrum> out = new ArrayList<>();
        for (DenseWeight w : weights) {
            try {
                out.add(WeightSpectra.analyze(new WeightMatrix(w.initializer(), w.shape(), w.values())));
            } catch (SpectrumException e) {
                System.err.println("skipped " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<String, Object> row(LayerSpectrum l) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("layer", l.layer());
        r.put("n", l.n());
        r.put("m", l.m());
        r.put("mp", l.mp());
        r.put("power_law", l.powerLaw());
        r.put("alpha_hat", l.alphaHat());
        r.put("log_spectral_norm", l.logSpectralNorm());
        r.put("log_alpha_norm", l.logAlphaNorm());
        r.put("stable_rank", l.stableRank());
        r.put("mp_soft_rank", l.mpSoftRank());
        r.put("spectral_entropy", l.spectralEntropy());
        r.put("spikes", l.spikes());
        r.put("flag", l.flag());
        return r;
    }

    private static String num(double v) {
        return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? String.format(Locale.ROOT, "%.4f", v)
                : String.format(Locale.ROOT, "%.3e", v);
    }
}
