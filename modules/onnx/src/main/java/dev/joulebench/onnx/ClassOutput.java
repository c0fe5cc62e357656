package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.List;

/** The first model output read as class scores (logits, probabilities or log-probabilities): argmax per row. */
final class ClassOutput {
    private ClassOutput() {}

    /**
     * Checks that the first output has one score per class of {@code data}: from its declared shape, or, when
     * that has symbolic dims, by running one sample.
     */
    static void check(OnnxModel model, ImageDataset data, ImageInput input, int threads) {
        if (model.outputs().isEmpty()) {
            throw new BadInputException("The model has no graph outputs, so there are no class scores to read");
        }
        ValueInfoProto out = model.outputs().get(0);
        GraphSummary.Value v = GraphSummary.value(out);
        long scores = declaredScores(out);
        if (scores < 0) {
            try (OnnxRunner runner = OnnxRunner.open(model, threads)) {
                int n = (int) Math.max(1, input.fixedBatch());
                float[] x = new float[n * input.sampleSize()];
                input.fill(data, new int[n], x);
                FloatTensor y = runner.run(new FloatTensor(input.batchShape(n), x));
                scores = y.data().length / n;
            }
        }
        if (scores == 1) {
            throw new BadInputException("Model output '" + out.getName() + "' [" + String.join(", ", v.shape())
                    + "] is a single value per sample (a regressor or a binary score), so it cannot be scored as a"
                    + " classifier on dataset '" + data.name() + "' with " + data.classes() + " classes");
        }
        if (scores != data.classes()) {
            throw new BadInputException("Model output '" + out.getName() + "' [" + String.join(", ", v.shape())
                    + "] gives " + scores + " scores per sample but dataset '" + data.name() + "' has "
                    + data.classes() + " classes; use a model trained for this dataset");
        }
    }

    /** Scores per sample from the declared shape (product of the non-batch dims), or -1 when not all are known. */
    private static long declaredScores(ValueInfoProto out) {
        if (!out.getType().hasTensorType() || !out.getType().getTensorType().hasShape()) {
            return -1;
        }
        List<TensorShapeProto.Dimension> dims = out.getType().getTensorType().getShape().getDimList();
        if (dims.isEmpty()) {
            return 1;
        }
        long p = 1;
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue() || dims.get(i).getDimValue() <= 0) {
                return -1;
            }
            try {
                p = Math.multiplyExact(p, dims.get(i).getDimValue());
            } catch (ArithmeticException e) {
                // OnnxModel.read refuses such shapes; a model built in memory is unchecked.
                throw new BadInputException("Model output '" + out.getName() + "' declares more than 2^63 scores per"
                        + " sample; its dims cannot be right");
            }
        }
        return p;
    }

    /** Index of the largest of the {@code k} scores of row {@code row}. */
    static int argmax(float[] scores, int row, int k) {
        int best = 0;
        int base = row * k;
        for (int c = 1; c < k; c++) {
            if (scores[base + c] > scores[base + best]) {
                best = c;
            }
        }
        return best;
    }
}
