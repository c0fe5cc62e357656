package dev.joulebench.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.Job;
import dev.joulebench.core.JobContext;
import dev.joulebench.core.JobResult;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.data.TrainValidationSplit;
import dev.joulebench.nn.Devices;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.nn.TorchEngine;
import java.util.Map;

/**
 * Trains a model with its method on the shared {@link TrainingLoop} and reports its test accuracy and
 * loss with the kept weights. The split it trained on is recorded in run.json ({@code reports.split})
 * and in every checkpoint, so evaluation and compression reuse exactly those validation rows.
 */
final class TrainJob implements Job {
    private final TrainSpec spec;
    private final ModelSpec model;
    private final MethodTrainer trainer;
    private final DatasetCatalog catalog;

    TrainJob(TrainSpec spec, ModelSpec model, MethodTrainer trainer, DatasetCatalog catalog) {
        this.spec = spec;
        this.model = model;
        this.trainer = trainer;
        this.catalog = catalog;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        ctx.log("INFO", "loading dataset " + spec.dataset());
        DatasetFiles files = catalog.load(spec.dataset());
        TrainValidationSplit split = TrainValidationSplit.of(files.train(), spec.validationFraction(), spec.seed(),
                spec.limitTrain());
        SplitRecord record = split.record();
        ctx.section(SplitRecord.SECTION, record);
        ctx.setting("dataset.location", files.location().toString());
        ctx.setting("dataset.split", split.train().count() + " train / " + split.validation().count()
                + " validation / " + files.test().count() + " test");

        TrainSpec spec = capBatch(this.spec, split.train().count(), ctx);
        Engine engine = ctx.closeAtEnd(TorchEngine.configure(spec.seed(), spec.threads())).engine();
        Device device = Devices.resolve(spec.device(), engine);
        ctx.setting("device", Devices.name(device));
        ctx.setting("threads", String.valueOf(TorchEngine.threads()));
        Map<String, String> options = MethodTrainer.options(trainer, spec.options());
        options.forEach((k, v) -> ctx.setting(spec.method() + "." + k, v));

        MethodTrainer.Input input = new MethodTrainer.Input(spec, model, files.train().classNames(), split.train(),
                device, options);
        return new JobResult(MethodRun.run(trainer, input, split.validation(), files.test(), record, ctx));
    }

    /**
     * A batch larger than the training set is the training set: every method then sees one full batch per
     * step, and no buffer is sized for rows that do not exist. run.json's settings say so.
     */
    static TrainSpec capBatch(TrainSpec spec, int trainRows, JobContext ctx) {
        if (spec.batchSize() <= trainRows) {
            return spec;
        }
        ctx.setting("batch", trainRows + " (--batch " + spec.batchSize() + " capped at the training set's "
                + trainRows + " rows)");
        ctx.log("INFO", "batch " + spec.batchSize() + " capped at the " + trainRows + " training rows");
        return spec.toBuilder().batchSize(trainRows).build();
    }
}
