package dev.joulebench.compress;

import dev.joulebench.compress.tensor.Mpo;
import dev.joulebench.nn.Classifier;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.onnx.DenseWeight;
import dev.joulebench.onnx.DenseWeights;
import dev.joulebench.onnx.GraphEditor;
import dev.joulebench.onnx.OnnxExporter;
import dev.joulebench.onnx.OnnxModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a compressed (and possibly healed) Joulebench MLP as ONNX: the original network's export with every
 * dense layer set to the compressed network's current values, MPO layers as their cores plus a
 * Reshape/Transpose/MatMul chain ({@link OnnxCompressor}). Only MLPs whose layers are MPO or dense
 * (mpo, mpo+int8; healed kept layers included): conv layers and two-factor layers are not mapped.
 */
final class OnnxExport {
    private OnnxExport() {}

    static boolean supports(ModelSpec spec, String method) {
        return spec instanceof ModelSpec.Mlp && (method.equals("mpo") || method.equals("mpo+int8"));
    }

    /** The exporter names dense layer fc(k+1) dense{k}.weight [out, in] and dense{k}.bias. */
    static Path write(Classifier original, CompressedNetwork net, String dataset, Path file) throws IOException {
        OnnxModel base = OnnxExporter.export(original, dataset);
        GraphEditor ed = base.edit();
        for (int k = 0; k < net.layerNames().size(); k++) {
            String layer = net.layerNames().get(k);
            DenseWeight w = DenseWeights.named(base, "dense" + k + ".weight");
            if (net.layer(layer) instanceof MpoLinear) {
                Mpo mpo = net.mpo(layer);
                OnnxCompressor.replace(ed, w, mpo);
            } else {
                ed.setWeight(w, net.denseWeight(layer).values());
            }
            ed.replaceInitializerValues("dense" + k + ".bias", net.bias(layer));
        }
        ed.build().write(file);
        return file;
    }
}
