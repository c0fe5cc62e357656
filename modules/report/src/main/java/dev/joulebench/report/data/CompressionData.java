package dev.joulebench.report.data;

import java.util.List;
import java.util.Map;

/**
 * What a compress run wrote under compress/: the per-layer table and the measured stages (summary.json) and the
 * layers × χ sensitivity profile (sensitivity.json), as the compress module's jobs lay them out.
 *
 * @param mode        compress or sensitivity
 * @param method      mpo, lowrank, prune, int8, mpo+int8
 * @param stages      before / compressed / after, those that were measured, in that order
 * @param healEpochs  epochs of healing run, 0 when none
 * @param healValAccuracy validation accuracy after healing, NaN when not healed
 * @param notes       the job's own notes on what the figures count
 * @param sensitivity null when the run made no profile
 */
public record CompressionData(String mode, String method, String modelSpec, List<Layer> layers, List<Stage> stages,
                              int healEpochs, double healValAccuracy, List<String> notes, Sensitivity sensitivity) {
    public CompressionData {
        layers = List.copyOf(layers);
        stages = List.copyOf(stages);
        notes = List.copyOf(notes);
    }

    /**
     * One compressed layer; figures count the weight only (the bias stays dense).
     *
     * @param setting "χ=8", "rank=16", "keep 0.200" or the method
     */
    public record Layer(String name, int inputs, int outputs, String setting, long paramsBefore, long paramsAfter,
                        long bytesBefore, long bytesAfter, long macsBefore, long macsAfter, double relativeError) {}

    /** One measured stage of the model; NaN where not measured. */
    public record Stage(String name, double params, double bytes, double macs, double testAccuracy,
                        double latencyP50Ms, double samplesPerSecond, double kwhPer1000Inferences) {}

    /**
     * The sensitivity profile: validation accuracy of each layer alone compressed at each χ.
     *
     * @param accuracy  [layer][chi]
     * @param params    [layer][chi] the layer's parameters at that χ
     * @param policyChi the χ the policy picked per layer (empty: keep the layer dense)
     */
    public record Sensitivity(List<String> layers, int[] chis, double[][] accuracy, long[][] params,
                              double baselineAccuracy, String policyGoal, double policyTarget,
                              Map<String, Integer> policyChi, boolean policyReached) {
        public Sensitivity {
            layers = List.copyOf(layers);
            policyChi = Map.copyOf(policyChi);
        }
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
