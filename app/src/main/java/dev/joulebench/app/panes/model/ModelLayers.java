package dev.joulebench.app.panes.model;

import dev.joulebench.nn.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer table of a model in Joulebench's grammar ({@code mlp:...}, {@code cnn:...}): each layer
 * with its output shape and parameter count, from the same closed forms as {@link ModelSpec}.
 *
 * @param spec   the normalised spec text
 * @param layers in forward order
 */
public record ModelLayers(String spec, List<Layer> layers) {
    /** Bytes per parameter of the float32 weights. */
    public static final int BYTES_PER_PARAMETER = 4;

    /**
     * @param name   e.g. dense1, conv2
     * @param kind   what the layer computes
     * @param output output shape of one sample, e.g. "256" or "32×14×14"
     * @param params trainable parameters
     */
    public record Layer(String name, String kind, String output, long params) {}

    public ModelLayers {
        layers = List.copyOf(layers);
    }

    public long parameters() {
        return layers.stream().mapToLong(Layer::params).sum();
    }

    public long bytes() {
        return parameters() * BYTES_PER_PARAMETER;
    }

    /** @throws dev.joulebench.core.BadInputException when the text is not a model spec */
    public static ModelLayers parse(String text) {
        ModelSpec spec = ModelSpec.parse(text);
        List<Layer> out = new ArrayList<>();
        if (spec instanceof ModelSpec.Mlp mlp) {
            List<Integer> s = mlp.sizes();
            out.add(new Layer("input", "features", String.valueOf(s.get(0)), 0));
            for (int i = 1; i < s.size(); i++) {
                boolean last = i == s.size() - 1;
                out.add(new Layer("dense" + i, last ? "linear" : "linear + ReLU", String.valueOf(s.get(i)),
                        (long) s.get(i - 1) * s.get(i) + s.get(i)));
            }
        } else if (spec instanceof ModelSpec.Cnn cnn) {
            int c = cnn.channels();
            int h = cnn.height();
            int w = cnn.width();
            out.add(new Layer("input", "image", c + "×" + h + "×" + w, 0));
            int i = 1;
            for (int cout : cnn.convChannels()) {
                long p = (long) c * cout * 9 + cout;
                c = cout;
                h /= 2;
                w /= 2;
                out.add(new Layer("conv" + i++, "conv 3×3 + ReLU + max-pool 2×2", c + "×" + h + "×" + w, p));
            }
            int features = c * h * w;
            i = 1;
            for (int d : cnn.dense()) {
                out.add(new Layer("dense" + i++, "linear + ReLU", String.valueOf(d), (long) features * d + d));
                features = d;
            }
            out.add(new Layer("output", "linear", String.valueOf(cnn.classes()),
                    (long) features * cnn.classes() + cnn.classes()));
        }
        return new ModelLayers(spec.text(), out);
    }
}
