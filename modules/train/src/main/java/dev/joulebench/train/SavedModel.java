package dev.joulebench.train;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.nn.CheckpointFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --model RUN|DIR} names: a checkpoint directory, a run directory holding {@code model/},
 * or a run id (or unique part of one) in the workspace.
 *
 * @param checkpointDir the directory holding {@code checkpoint.json}
 * @param runDir        the run it belongs to, or null for a bare checkpoint directory
 * @param run           the run's record when it was found by id, else null
 */
public record SavedModel(Path checkpointDir, Path runDir, RunRecord run) {
    public static SavedModel resolve(String model, RunStore store) {
        Path given = Path.of(model);
        if (Files.isRegularFile(given.resolve(CheckpointFiles.FILE))) {
            return new SavedModel(given, null, null);
        }
        if (Files.isRegularFile(given.resolve("model").resolve(CheckpointFiles.FILE))) {
            return new SavedModel(given.resolve("model"), given, null);
        }
        if (Files.isDirectory(given) && !Files.isRegularFile(given.resolve(RunDirectory.RUN_JSON))) {
            throw new BadInputException("No checkpoint in " + given + " (expected " + CheckpointFiles.FILE
                    + " or model/" + CheckpointFiles.FILE + ")");
        }
        RunRecord run = store.load(model);
        Path runDir = store.resolveDir(run.id());
        Path checkpoint = runDir.resolve("model");
        if (!Files.isRegularFile(checkpoint.resolve(CheckpointFiles.FILE))) {
            throw new BadInputException("Run " + run.id() + " (" + run.status().json()
                    + ") saved no checkpoint; give a training run that finished at least one epoch");
        }
        return new SavedModel(checkpoint, runDir, run);
    }
}
