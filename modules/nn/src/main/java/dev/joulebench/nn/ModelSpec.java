package dev.joulebench.nn;

import dev.joulebench.core.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An architecture in Joulebench's model grammar, one line a user can type:
 * <pre>
 *   mlp:IN-H1-...-OUT            dense layers with ReLU between them, e.g. mlp:784-1000-1000-10
 *   cnn:CxHxW-BLOCK-...-OUT      BLOCK is cN (3x3 conv, padding 1, N channels, ReLU, 2x2 max-pool)
 *                                or dN (dense N units, ReLU) after the conv blocks,
 *                                e.g. cnn:1x28x28-c32-c64-d128-10
 * </pre>
 * The last number is the number of classes; the output layer has no activation (logits).
 */
public sealed interface ModelSpec {
    /** The spec as the user wrote it, normalised. */
    String text();

    int inputFeatures();

    int classes();

    /** Trainable parameters, from the closed form of each layer. */
    long parameterCount();

    /** Input shape of one sample: [features] for an MLP, [C, H, W] for a CNN. */
    long[] sampleShape();

    record Mlp(List<Integer> sizes) implements ModelSpec {
        public Mlp {
            sizes = List.copyOf(sizes);
        }

        @Override
        public String text() {
            return "mlp:" + String.join("-", sizes.stream().map(String::valueOf).toList());
        }

        @Override
        public int inputFeatures() {
            return sizes.get(0);
        }

        @Override
        public int classes() {
            return sizes.get(sizes.size() - 1);
        }

        @Override
        public long parameterCount() {
            long n = 0;
            for (int i = 1; i < sizes.size(); i++) {
                n += (long) sizes.get(i - 1) * sizes.get(i) + sizes.get(i);
            }
            return n;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {inputFeatures()};
        }
    }

    record Cnn(int channels, int height, int width, List<Integer> convChannels, List<Integer> dense, int classes)
            implements ModelSpec {
        public Cnn {
            convChannels = List.copyOf(convChannels);
            dense = List.copyOf(dense);
        }

        @Override
        public String text() {
            StringBuilder sb = new StringBuilder("cnn:" + channels + "x" + height + "x" + width);
            convChannels.forEach(c -> sb.append("-c").append(c));
            dense.forEach(d -> sb.append("-d").append(d));
            return sb.append('-').append(classes).toString();
        }

        @Override
        public int inputFeatures() {
            return channels * height * width;
        }

        /** Features after the conv blocks: each 2x2 pool floors the spatial size. */
        public int flattenedFeatures() {
            int h = height;
            int w = width;
            for (int i = 0; i < convChannels.size(); i++) {
                h /= 2;
                w /= 2;
            }
            int c = convChannels.isEmpty() ? channels : convChannels.get(convChannels.size() - 1);
            return c * h * w;
        }

        @Override
        public long parameterCount() {
            long n = 0;
            int in = channels;
            for (int c : convChannels) {
                n += (long) in * c * 9 + c;
                in = c;
            }
            int features = flattenedFeatures();
            for (int d : dense) {
                n += (long) features * d + d;
                features = d;
            }
            return n + (long) features * classes + classes;
        }

        @Override
        public long[] sampleShape() {
            return new long[] {channels, height, width};
        }
    }

    static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad(text, "the model is empty");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw bad(text, "it has no family prefix");
        }
        String family = t.substring(0, colon);
        String[] parts = t.substring(colon + 1).split("-", -1);
        return switch (family) {
            case "mlp" -> parseMlp(text, parts);
            case "cnn" -> parseCnn(text, parts);
            default -> throw bad(text, "unknown family '" + family + "'");
        };
    }

    private static Mlp parseMlp(String text, String[] parts) {
        if (parts.length < 2) {
            throw bad(text, "an MLP needs at least input and output sizes");
        }
        List<Integer> sizes = new ArrayList<>();
        for (String p : parts) {
            sizes.add(positive(text, p));
        }
        return new Mlp(sizes);
    }

    private static Cnn parseCnn(String text, String[] parts) {
        if (parts.length < 2) {
            throw bad(text, "a CNN needs an input shape CxHxW and a class count");
        }
        String[] dims = parts[0].split("x", -1);
        if (dims.length != 3) {
            throw bad(text, "the input shape must be CxHxW, e.g. 1x28x28");
        }
        int c = positive(text, dims[0]);
        int h = positive(text, dims[1]);
        int w = positive(text, dims[2]);
        if ((long) c * h * w > Integer.MAX_VALUE) {
            throw bad(text, "an input of " + c + "x" + h + "x" + w + " values is larger than any image Joulebench reads");
        }
        List<Integer> conv = new ArrayList<>();
        List<Integer> dense = new ArrayList<>();
        for (int i = 1; i < parts.length - 1; i++) {
            String p = parts[i];
            if (p.startsWith("c")) {
                if (!dense.isEmpty()) {
                    throw bad(text, "conv blocks (cN) must come before dense layers (dN)");
                }
                conv.add(positive(text, p.substring(1)));
            } else if (p.startsWith("d")) {
                dense.add(positive(text, p.substring(1)));
            } else {
                throw bad(text, "'" + p + "' is neither a conv block cN nor a dense layer dN");
            }
        }
        Cnn cnn = new Cnn(c, h, w, conv, dense, positive(text, parts[parts.length - 1]));
        if (cnn.flattenedFeatures() == 0) {
            throw bad(text, conv.size() + " pooling steps shrink " + h + "x" + w + " to nothing");
        }
        return cnn;
    }

    private static int positive(String text, String p) {
        try {
            int v = Integer.parseInt(p);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the grammar
        }
        throw bad(text, "'" + p + "' is not a positive whole number");
    }

    private static BadInputException bad(String text, String why) {
        return new BadInputException("Cannot read model '" + text + "': " + why + ". Write mlp:IN-H1-...-OUT "
                + "(e.g. mlp:784-1000-1000-10) or cnn:CxHxW-cN...-dN...-OUT (e.g. cnn:1x28x28-c32-c64-d128-10).");
    }
}
