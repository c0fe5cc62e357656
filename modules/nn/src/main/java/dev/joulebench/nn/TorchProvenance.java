package dev.joulebench.nn;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import dev.joulebench.core.provenance.ProvenanceContributor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DJL and PyTorch versions and the GPUs CUDA reports, for every run's provenance. */
public final class TorchProvenance implements ProvenanceContributor {
    @Override
    public Map<String, String> libraries() {
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("djl", Engine.getDjlVersion());
        Engine engine = TorchEngine.get();
        libs.put("engine", engine.getEngineName());
        libs.put("pytorch", engine.getVersion());
        libs.put("pytorch.threads", String.valueOf(TorchEngine.threads()));
        return libs;
    }

    @Override
    public List<String> gpus() {
        List<String> gpus = new ArrayList<>();
        int n = CudaUtils.getGpuCount();
        for (int i = 0; i < n; i++) {
            gpus.add("gpu:" + i + " compute " + CudaUtils.getComputeCapability(i));
        }
        return gpus;
    }
}
