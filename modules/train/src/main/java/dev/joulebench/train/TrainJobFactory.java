package dev.joulebench.train;

import dev.joulebench.core.Job;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.nn.ModelSpec;

/** Checks what can be checked before a run exists (model grammar, dataset found), then makes the job. */
public final class TrainJobFactory implements JobFactory {
    @Override
    public String kind() {
        return TrainSpec.KIND;
    }

    @Override
    public Job create(JobSpec spec, RunStore store) {
        TrainSpec train = spec.requireValid(TrainSpec.class);
        ModelSpec model = ModelSpec.parse(train.model());
        DatasetCatalog catalog = DatasetCatalog.system();
        catalog.locate(train.dataset());
        return new TrainJob(train, model, catalog);
    }
}
