package dev.joulebench.core;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunStore;
import java.util.ServiceLoader;

/** Turns a spec of one kind into a job. Implementations are found through {@link ServiceLoader}. */
public interface JobFactory {
    String kind();

    Job create(JobSpec spec, RunStore store);

    static JobFactory forKind(String kind) {
        for (JobFactory f : ServiceLoader.load(JobFactory.class)) {
            if (f.kind().equals(kind)) {
                return f;
            }
        }
        throw new BadInputException("No job of kind '" + kind + "' is installed");
    }
}
