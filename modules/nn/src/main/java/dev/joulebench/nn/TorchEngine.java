package dev.joulebench.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine, loaded from the natives on the class path (no download: {@code ai.djl.offline}
 * is set before the first use), with the seed and thread count a run asks for.
 */
public final class TorchEngine {
    public static final String NAME = "PyTorch";

    private TorchEngine() {}

    public static Engine get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(NAME);
    }

    /** Seeds PyTorch's generator (weight initialisation) and sets intra-op threads when {@code threads > 0}. */
    public static Engine configure(long seed, int threads) {
        Engine engine = get();
        JniUtils.setSeed(seed);
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    public static int threads() {
        get();
        return JniUtils.getNumThreads();
    }
}
