package dev.joulebench.train;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code --model} (a checkpoint directory, a run directory, or a run id) before the run starts. */
public final class EvalJobFactory implements JobFactory {
    @Override
    public String kind() {
        return EvalSpec.KIND;
    }

    @Override
    public Job create(JobSpec spec, RunStore store) {
        EvalSpec eval = spec.requireValid(EvalSpec.class);
        Path given = Path.of(eval.model());
        Path checkpoint;
        double fraction = TrainSpec.of(null, null, null).validationFraction();
        if (Files.isRegularFile(given.resolve(Checkpoint.FILE))) {
            checkpoint = given;
        } else if (Files.isRegularFile(given.resolve("model").resolve(Checkpoint.FILE))) {
            checkpoint = given.resolve("model");
        } else if (Files.isDirectory(given) && !Files.isRegularFile(given.resolve(RunDirectory.RUN_JSON))) {
            throw new BadInputException("No checkpoint in " + given + " (expected " + Checkpoint.FILE
                    + " or model/" + Checkpoint.FILE + ")");
        } else {
            RunRecord run = store.load(eval.model());
            checkpoint = store.resolveDir(run.id()).resolve("model");
            if (!Files.isRegularFile(checkpoint.resolve(Checkpoint.FILE))) {
                throw new BadInputException("Run " + run.id() + " (" + run.status().json()
                        + ") saved no checkpoint; evaluate a training run that finished at least one epoch");
            }
            if (run.spec() instanceof TrainSpec t) {
                fraction = t.validationFraction();
            }
        }
        DatasetCatalog catalog = DatasetCatalog.system();
        catalog.locate(eval.dataset());
        return new EvalJob(eval, checkpoint, fraction, catalog);
    }
}
