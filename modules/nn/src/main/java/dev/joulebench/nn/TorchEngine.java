package dev.joulebench.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The PyTorch engine, loaded from the natives on the class path (no download: {@code ai.djl.offline}
 * is set before the first use), with the seed and thread count a run asks for.
 *
 * <p>PyTorch's seed and intra-op thread count are process-wide, not per model: a run that sets threads
 * would otherwise leave them set for every later run in the same process (the app, a study, a test JVM).
 * {@link #configure} therefore returns a {@link Scope}; closing it puts the thread count back, to the value
 * of the newest scope still open or, when none is, to the engine's own default, remembered before
 * Joulebench first changed it. Two runs at once in one process share one thread count (the newest wins)
 * and one generator. The seed is not restored: there is no meaningful "previous" generator state.
 */
public final class TorchEngine {
    public static final String NAME = "PyTorch";

    private static final Object LOCK = new Object();
    /** The engine's thread count before Joulebench first set one; null until then. */
    private static Integer defaultThreads;
    /** Scopes that set a thread count and are not closed yet, oldest first. */
    private static final List<Scope> OPEN = new ArrayList<>();

    private TorchEngine() {}

    public static Engine get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getEngine(NAME);
    }

    /**
     * Seeds PyTorch's generator (weight initialisation) and, when {@code threads > 0}, sets the intra-op
     * thread count until the returned scope is closed. A job ties it to its run with
     * {@code Engine engine = ctx.closeAtEnd(TorchEngine.configure(seed, threads)).engine()}; other code uses
     * try-with-resources.
     */
    public static Scope configure(long seed, int threads) {
        Engine engine = get();
        JniUtils.setSeed(seed);
        Scope scope = new Scope(engine, threads);
        if (threads > 0) {
            synchronized (LOCK) {
                if (defaultThreads == null) {
                    defaultThreads = JniUtils.getNumThreads();
                }
                JniUtils.setNumThreads(threads);
                OPEN.add(scope);
            }
        }
        return scope;
    }

    public static int threads() {
        get();
        return JniUtils.getNumThreads();
    }

    /** The engine's own thread count: the one before Joulebench first changed it, else the current one. */
    public static int defaultThreads() {
        synchronized (LOCK) {
            return defaultThreads != null ? defaultThreads : threads();
        }
    }

    /** The settings of one run; {@link #close} restores the thread count (and does nothing a second time). */
    public static final class Scope implements AutoCloseable {
        private final Engine engine;
        private final int threads;
        private boolean closed;

        private Scope(Engine engine, int threads) {
            this.engine = engine;
            this.threads = threads;
        }

        public Engine engine() {
            return engine;
        }

        /** The thread count this scope asked for; 0 when it left the engine's alone. */
        public int threads() {
            return threads;
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (closed) {
                    return;
                }
                closed = true;
                if (OPEN.remove(this)) {
                    int restore = OPEN.isEmpty() ? defaultThreads : OPEN.get(OPEN.size() - 1).threads;
                    if (JniUtils.getNumThreads() != restore) {
                        JniUtils.setNumThreads(restore);
                    }
                }
            }
        }
    }
}
