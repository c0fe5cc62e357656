package dev.joulebench.train;

import dev.joulebench.nn.Checkpoint;
import dev.joulebench.nn.CheckpointFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * Checkpoints and early stopping together, because restoring the best state needs its checkpoint: with
 * a validation split, the best watched epoch is saved into {@code model/} and training stops after
 * {@code patience} epochs without a better validation accuracy; without one, every watched epoch is saved.
 * At the end the best epoch's weights are loaded back. A cancelled run that saved nothing yet saves its
 * current state, so a cancelled run always keeps a checkpoint.
 */
public final class CheckpointListener implements TrainingListener, TrainingLoop.BestEpoch {
    private final Path dir;
    private final EarlyStopping stopping;
    private final BiFunction<Integer, Double, Checkpoint> header;
    private boolean validated;
    private boolean saved;

    /** @param header the checkpoint header of an epoch (0-based) and its validation accuracy (null without one) */
    public CheckpointListener(Path dir, int patience, BiFunction<Integer, Double, Checkpoint> header) {
        this.dir = dir;
        this.stopping = new EarlyStopping(patience);
        this.header = header;
    }

    @Override
    public void onEpoch(TrainingLoop.State state, TrainingLoop.Epoch e) throws IOException {
        if (!e.watched()) {
            return;
        }
        if (e.validation() != null) {
            validated = true;
            double accuracy = e.validation().accuracy();
            if (stopping.update(e.index(), accuracy)) {
                save(state, e.index(), accuracy, "best checkpoint (epoch " + (e.index() + 1) + ")");
            }
        } else {
            stopping.update(e.index(), e.index());
            save(state, e.index(), null, "checkpoint (epoch " + (e.index() + 1) + ")");
        }
    }

    @Override
    public boolean stopRequested() {
        return validated && stopping.shouldStop();
    }

    @Override
    public void onTrainingEnd(TrainingLoop.State state) throws IOException {
        if (stopping.shouldStop() && validated) {
            state.ctx().log("INFO", "early stop: no better validation accuracy for " + stopping.patience()
                    + " epochs; best epoch " + (stopping.bestEpoch() + 1));
        }
        if (validated && stopping.bestEpoch() >= 0 && stopping.bestEpoch() != state.epoch()) {
            Checkpoint cp = Checkpoint.read(dir);
            CheckpointFiles.readWeights(dir, cp, state.network()::loadWeights);
            state.ctx().log("INFO", "restored the best epoch " + (stopping.bestEpoch() + 1));
        }
    }

    @Override
    public void onCancelled(TrainingLoop.State state) throws IOException {
        if (!saved) {
            save(state, state.epoch(), null, "state at cancellation (epoch " + (state.epoch() + 1) + ", step "
                    + state.step() + ")");
        }
    }

    private void save(TrainingLoop.State state, int epoch, Double accuracy, String what) throws IOException {
        Path weights = CheckpointFiles.write(dir, header.apply(epoch, accuracy), state.network()::saveWeights);
        saved = true;
        state.ctx().artifact(weights, what);
    }

    @Override
    public int bestEpoch() {
        return validated ? stopping.bestEpoch() : -1;
    }

    @Override
    public double bestValidationAccuracy() {
        return validated ? stopping.best() : Double.NaN;
    }
}
