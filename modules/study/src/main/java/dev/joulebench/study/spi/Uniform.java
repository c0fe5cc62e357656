package dev.joulebench.study.spi;

import dev.joulebench.study.Distribution;
import java.util.SplittableRandom;

/**
 * Optuna's uniform draw over a distribution, in internal values: uniform in the (log-)transformed range, a
 * grid's range widened by half a step each side so every grid point is equally likely, then rounded to the
 * grid and clipped; a categorical index uniformly.
 */
final class Uniform {
    private Uniform() {}

    static double draw(Distribution d, SplittableRandom rng) {
        if (d instanceof Distribution.Choices c) {
            return rng.nextInt(c.choices().size());
        }
        Bounds b = Bounds.of(d);
        if (b.low() == b.high()) {
            return b.originalLow();
        }
        double u = b.low() + rng.nextDouble() * (b.high() - b.low());
        return b.untransform(u);
    }
}
