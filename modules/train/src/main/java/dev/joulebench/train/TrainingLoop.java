package dev.joulebench.train;

import dev.joulebench.core.CancelledException;
import dev.joulebench.core.JobContext;
import dev.joulebench.data.ImageDataset;
import dev.joulebench.data.ShuffledBatches;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training loop every method runs on (bp, ff, mf, cafo, and healing after compression): epochs
 * of seeded shuffled batches, one {@link TrainableNetwork#step} per batch, a validation pass per epoch,
 * and typed {@link TrainingListener}s for everything around it. Shuffling is seeded per epoch, so a CPU
 * run repeats exactly.
 */
public final class TrainingLoop {
    /**
     * @param epochs      the epoch budget (the network may turn it into its own schedule)
     * @param trainPrefix metric prefix of training figures: {@code train/} (or {@code heal/} when healing)
     * @param valPrefix   metric prefix of validation figures: {@code val/} (or {@code heal/val_})
     */
    public record Config(int epochs, int batchSize, long seed, String trainPrefix, String valPrefix) {
        public static Config training(int epochs, int batchSize, long seed) {
            return new Config(epochs, batchSize, seed, "train/", "val/");
        }

        public static Config healing(int epochs, int batchSize, long seed) {
            return new Config(epochs, batchSize, seed, "heal/", "heal/val_");
        }
    }

    /** One finished epoch: its mean training loss and parts (per sample), its time, and its validation. */
    public record Epoch(int index, int of, double trainLoss, Map<String, Double> trainParts, double seconds,
                        long samples, TrainableNetwork.Scores validation, boolean watched) {}

    /** What the loop did. {@code bestEpoch} is 0-based, -1 when no epoch was watched. */
    public record Outcome(int epochsRun, int bestEpoch, double bestValidationAccuracy, long steps, double trainSeconds,
                          long samplesSeen) {
        public double samplesPerSecond() {
            return trainSeconds > 0 ? samplesSeen / trainSeconds : Double.NaN;
        }
    }

    /** The loop's state as listeners see it. */
    public static final class State {
        private final JobContext ctx;
        private final TrainableNetwork network;
        private final Config config;
        private final int epochs;
        private final int batches;
        private long step;
        private int epoch;
        private int batch;
        private int epochsRun;
        private long seen;
        private double trainSeconds;

        State(JobContext ctx, TrainableNetwork network, Config config, int epochs, int batches) {
            this.ctx = ctx;
            this.network = network;
            this.config = config;
            this.epochs = epochs;
            this.batches = batches;
        }

        public JobContext ctx() {
            return ctx;
        }

        public TrainableNetwork network() {
            return network;
        }

        public Config config() {
            return config;
        }

        /** Optimizer steps so far (1-based after the first step). */
        public long step() {
            return step;
        }

        /** The current (or last) epoch, 0-based. */
        public int epoch() {
            return epoch;
        }

        /** Epochs of the network's schedule. */
        public int epochs() {
            return epochs;
        }

        /** Batches of the current epoch done, and per epoch. */
        public int batch() {
            return batch;
        }

        public int batches() {
            return batches;
        }

        public int epochsRun() {
            return epochsRun;
        }
    }

    private final Config config;
    private final List<TrainingListener> listeners;

    public TrainingLoop(Config config, List<TrainingListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * Trains {@code network} on {@code train}, validating on {@code validation} (may be empty) after each epoch.
     *
     * @throws CancelledException when the run was cancelled; listeners saw {@link TrainingListener#onCancelled}
     */
    public Outcome run(TrainableNetwork network, ImageDataset train, ImageDataset validation, JobContext ctx)
            throws Exception {
        int epochs = network.epochs(config.epochs());
        ShuffledBatches batches = new ShuffledBatches(train.count(), config.batchSize(), config.seed(), false);
        State state = new State(ctx, network, config, epochs,
                (train.count() + config.batchSize() - 1) / config.batchSize());
        boolean validate = validation != null && validation.count() > 0;
        try {
            ctx.phase("train");
            network.prepare(train, ctx);
            for (TrainingListener l : listeners) {
                l.onTrainingStart(state);
            }
            for (int epoch = 0; epoch < epochs; epoch++) {
                ctx.cancellation().throwIfCancelled();
                ctx.phase("train");
                state.epoch = epoch;
                state.batch = 0;
                long t0 = System.nanoTime();
                double lossSum = 0;
                long samples = 0;
                Map<String, Double> partSums = new LinkedHashMap<>();
                for (int[] rows : batches.epoch(epoch)) {
                    ctx.cancellation().throwIfCancelled();
                    TrainableNetwork.Step step = network.step(train, rows, epoch);
                    state.step++;
                    state.batch++;
                    state.seen += rows.length;
                    samples += rows.length;
                    lossSum += step.loss() * rows.length;
                    step.parts().forEach((k, v) -> partSums.merge(k, v * rows.length, Double::sum));
                    for (TrainingListener l : listeners) {
                        l.onStep(state, step);
                    }
                }
                network.endEpoch(epoch, train, ctx);
                double seconds = (System.nanoTime() - t0) / 1e9;
                state.trainSeconds += seconds;
                state.epochsRun++;
                long n = Math.max(1, samples);
                Map<String, Double> parts = new LinkedHashMap<>();
                partSums.forEach((k, v) -> parts.put(k, v / n));
                TrainableNetwork.Scores val = null;
                if (validate) {
                    ctx.phase("eval");
                    val = network.evaluate(validation, ctx.cancellation());
                }
                Epoch result = new Epoch(epoch, epochs, lossSum / n, parts, seconds, samples, val,
                        network.watched(epoch));
                boolean stop = false;
                for (TrainingListener l : listeners) {
                    l.onEpoch(state, result);
                    stop |= l.stopRequested();
                }
                if (stop) {
                    break;
                }
            }
            for (TrainingListener l : listeners) {
                l.onTrainingEnd(state);
            }
        } catch (CancelledException e) {
            for (TrainingListener l : listeners) {
                l.onCancelled(state);
            }
            throw e;
        }
        BestEpoch best = listeners.stream().filter(BestEpoch.class::isInstance).map(BestEpoch.class::cast)
                .findFirst().orElse(null);
        return new Outcome(state.epochsRun, best == null ? -1 : best.bestEpoch(),
                best == null ? Double.NaN : best.bestValidationAccuracy(), state.step, state.trainSeconds, state.seen);
    }

    /** A listener that knows the best epoch (the checkpoint listener), for the outcome. */
    public interface BestEpoch {
        int bestEpoch();

        double bestValidationAccuracy();
    }
}
