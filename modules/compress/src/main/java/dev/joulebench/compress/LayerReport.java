package dev.joulebench.compress;

/**
 * One dense layer before and after compression: a row of {@code compress/summary.json}. Parameter and byte
 * figures are of the weight only (the bias stays dense and is counted in the model totals).
 *
 * @param layer         fc1, fc2, ... in network order
 * @param chi           largest MPO bond actually used (mpo, mpo+int8), else null
 * @param rank          rank of the two factors (lowrank), else null
 * @param keepFraction  share of weights kept (prune), else null
 * @param bonds         MPO bonds (mpo, mpo+int8), else null
 * @param bytesAfter    storage the method really needs: CSR for prune, int8 values + per-column scales for int8
 * @param macsAfter     multiply-accumulates per sample as executed here (pruned and int8 weights run dense)
 * @param relativeError ‖W − Ŵ‖_F / ‖W‖_F of the compressed weight before healing
 */
public record LayerReport(String layer, int inputs, int outputs, String method, Integer chi, Integer rank,
                          Double keepFraction, int[] rowFactors, int[] colFactors, int[] bonds,
                          long weightParamsBefore, long weightParamsAfter, long bytesBefore, long bytesAfter,
                          long macsBefore, long macsAfter, double relativeError) {
    public String setting() {
        if (chi != null) {
            return "chi=" + chi;
        }
        if (rank != null) {
            return "rank=" + rank;
        }
        if (keepFraction != null) {
            return String.format(java.util.Locale.ROOT, "keep=%.3f", keepFraction);
        }
        return "-";
    }
}
