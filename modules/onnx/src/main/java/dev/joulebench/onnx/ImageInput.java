package dev.joulebench.onnx;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.onnx.proto.Onnx.TensorProto;
import dev.joulebench.onnx.proto.Onnx.TensorShapeProto;
import dev.joulebench.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How dataset images are fed to an ONNX model's single float input: the layout (NCHW, NHWC or flat
 * features), the pixel preprocessing, and a batch dimension the model may fix.
 *
 * <p>Preprocessing: {@code scale} (default) x/255; {@code none} raw 0..255; {@code mean=M,std=S}
 * (x/255 − M)/S, with one value for all channels or one per channel separated by ':'.
 *
 * @param inputName  the model input fed
 * @param layout     nchw, nhwc or flat
 * @param fixedBatch the batch size the model's input fixes, or 0 when the batch axis is free
 * @param scale      divide by 255 first
 * @param mean       per-channel means (length channels), subtracted after scaling
 * @param std        per-channel standard deviations (length channels)
 */
public record ImageInput(String inputName, String layout, int channels, int height, int width, long fixedBatch,
                         boolean scale, float[] mean, float[] std) {

    /** Plans the input for {@code data}, or throws {@link BadInputException} naming both shapes. */
    public static ImageInput plan(OnnxModel model, ImageDataset data, String layoutOption, String preprocess) {
        List<ValueInfoProto> inputs = model.dataInputs();
        if (inputs.size() != 1) {
            throw new BadInputException("The model takes " + inputs.size() + " inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList()
                    + "; Joulebench evaluates image classifiers with one image input");
        }
        ValueInfoProto in = inputs.get(0);
        GraphSummary.Value v = GraphSummary.value(in);
        String dataShape = data.channels() + "x" + data.height() + "x" + data.width() + " images ("
                + data.featureCount() + " values)";
        if (!in.getType().hasTensorType()) {
            throw new BadInputException("Model input '" + in.getName() + "' is a " + v.type()
                    + ", not a tensor; Joulebench feeds images as float tensors");
        }
        int elem = in.getType().getTensorType().getElemType();
        if (elem != TensorProto.DataType.FLOAT_VALUE) {
            throw new BadInputException("Model input '" + in.getName() + "' has element type " + ElementType.name(elem)
                    + " [" + String.join(", ", v.shape()) + "]; Joulebench feeds images as float, so this model"
                    + " (e.g. a text model taking token ids) cannot be evaluated on dataset '" + data.name() + "'");
        }
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        boolean shaped = in.getType().getTensorType().hasShape();
        boolean auto = layoutOption == null || layoutOption.equals("auto");
        if (auto && !shaped) {
            throw new BadInputException("Model input '" + in.getName() + "' declares no shape; say how to feed "
                    + dataShape + " with --input-layout nchw|nhwc|flat");
        }
        String layout = auto ? autoLayout(dims, data) : layoutOption;
        if (layout == null) {
            throw new BadInputException("Model input '" + in.getName() + "' wants [" + String.join(", ", v.shape())
                    + "] (float) but dataset '" + data.name() + "' has " + dataShape
                    + "; Joulebench feeds images as [N, C, H, W], [N, H, W, C] or [N, features]");
        }
        long[] wanted = switch (layout) {
            case "nchw" -> new long[] {-1, data.channels(), data.height(), data.width()};
            case "nhwc" -> new long[] {-1, data.height(), data.width(), data.channels()};
            case "flat" -> new long[] {-1, data.featureCount()};
            default -> throw new BadInputException("Unknown input layout '" + layoutOption + "'; use one of "
                    + String.join(", ", EvalSpec.INPUT_LAYOUTS));
        };
        if (shaped && !fits(dims, wanted)) {
            throw new BadInputException("Model input '" + in.getName() + "' wants [" + String.join(", ", v.shape())
                    + "] (float) but dataset '" + data.name() + "' has " + dataShape
                    + ", fed as " + layout + " " + Arrays.toString(Arrays.copyOfRange(wanted, 1, wanted.length))
                    + "; use a model made for this data"
                    + (auto ? "" : " or another --input-layout"));
        }
        long fixedBatch = shaped && dims.get(0).hasDimValue() && dims.get(0).getDimValue() > 0
                ? dims.get(0).getDimValue() : 0;
        if (fixedBatch > data.count()) {
            // Not one batch could be fed; and a batch buffer of fixedBatch samples might not even fit in memory.
            throw new BadInputException("Model input '" + in.getName() + "' [" + String.join(", ", v.shape())
                    + "] fixes the batch at " + fixedBatch + " samples, but dataset '" + data.name() + "' has only "
                    + data.count() + "; use a model with a dynamic or smaller batch axis");
        }
        return withPreprocess(in.getName(), layout, data, fixedBatch, preprocess);
    }

    private static ImageInput withPreprocess(String name, String layout, ImageDataset data, long fixedBatch,
                                             String preprocess) {
        int c = data.channels();
        float[] mean = new float[c];
        float[] std = new float[c];
        Arrays.fill(std, 1f);
        String p = preprocess == null ? "scale" : preprocess.trim().toLowerCase(Locale.ROOT);
        boolean scale;
        if (p.equals("scale")) {
            scale = true;
        } else if (p.equals("none")) {
            scale = false;
        } else {
            scale = true;
            String[] parts = p.split(",", -1);
            if (parts.length != 2 || !parts[0].startsWith("mean=") || !parts[1].startsWith("std=")) {
                throw new BadInputException("--preprocess must be " + EvalSpec.PREPROCESS_HELP + " (got '" + preprocess + "')");
            }
            mean = perChannel("mean", parts[0].substring(5), c);
            std = perChannel("std", parts[1].substring(4), c);
        }
        return new ImageInput(name, layout, c, data.height(), data.width(), fixedBatch, scale, mean, std);
    }

    private static float[] perChannel(String what, String text, int channels) {
        String[] v = text.split(":");
        if (v.length != 1 && v.length != channels) {
            throw new BadInputException("--preprocess gives " + v.length + " " + what + " values but the images have "
                    + channels + " channel(s); give one value or one per channel");
        }
        float[] out = new float[channels];
        for (int i = 0; i < channels; i++) {
            try {
                out[i] = Float.parseFloat(v[v.length == 1 ? 0 : i]);
            } catch (NumberFormatException e) {
                throw new BadInputException("--preprocess " + what + " value '" + v[i] + "' is not a number");
            }
        }
        return out;
    }

    /** nchw or nhwc when a rank-4 input's channel axis says so, flat for rank 2; null when nothing fits. */
    private static String autoLayout(List<TensorShapeProto.Dimension> dims, ImageDataset data) {
        if (dims.size() == 2) {
            return "flat";
        }
        if (dims.size() == 4) {
            if (fits(dims, new long[] {-1, data.channels(), data.height(), data.width()})) {
                return "nchw";
            }
            if (fits(dims, new long[] {-1, data.height(), data.width(), data.channels()})) {
                return "nhwc";
            }
            // Neither fits: report it as NCHW, the common ONNX layout.
            return known(dims.get(3)) && dims.get(3).getDimValue() <= 4 && !known(dims.get(1)) ? "nhwc" : "nchw";
        }
        return null;
    }

    private static boolean known(TensorShapeProto.Dimension d) {
        return d.hasDimValue() && d.getDimValue() > 0;
    }

    /** Every fixed non-batch dim equals the wanted one; symbolic dims fit anything. */
    private static boolean fits(List<TensorShapeProto.Dimension> dims, long[] wanted) {
        if (dims.size() != wanted.length) {
            return false;
        }
        for (int i = 1; i < wanted.length; i++) {
            if (known(dims.get(i)) && dims.get(i).getDimValue() != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    /** Values per sample. */
    public int sampleSize() {
        return channels * height * width;
    }

    /** The tensor shape of a batch of {@code n}. */
    public long[] batchShape(int n) {
        return switch (layout) {
            case "nchw" -> new long[] {n, channels, height, width};
            case "nhwc" -> new long[] {n, height, width, channels};
            default -> new long[] {n, sampleSize()};
        };
    }

    /** Writes the rows' pixels, preprocessed and in this layout, into {@code out} (at least rows × sampleSize). */
    public void fill(ImageDataset data, int[] rows, float[] out) {
        byte[] pixels = data.pixels();
        int plane = height * width;
        int size = sampleSize();
        float[] lookup = new float[256 * channels];
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < 256; b++) {
                float x = scale ? b / 255f : b;
                lookup[c * 256 + b] = (x - mean[c]) / std[c];
            }
        }
        for (int r = 0; r < rows.length; r++) {
            int from = rows[r] * size;
            int to = r * size;
            if (layout.equals("nhwc")) {
                for (int c = 0; c < channels; c++) {
                    for (int p = 0; p < plane; p++) {
                        out[to + p * channels + c] = lookup[c * 256 + (pixels[from + c * plane + p] & 0xff)];
                    }
                }
            } else {
                for (int i = 0; i < size; i++) {
                    out[to + i] = lookup[(i / plane) * 256 + (pixels[from + i] & 0xff)];
                }
            }
        }
    }

    /** A line for run settings, e.g. {@code nchw [N,1,28,28], x/255}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(layout + " " + Arrays.toString(batchShape(0)).replace("[0", "[N"));
        if (!scale) {
            parts.add("raw 0..255");
        } else if (Arrays.equals(std, ones(channels)) && Arrays.equals(mean, new float[channels])) {
            parts.add("x/255");
        } else {
            parts.add("(x/255 - " + Arrays.toString(mean) + ") / " + Arrays.toString(std));
        }
        return String.join(", ", parts);
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }
}
