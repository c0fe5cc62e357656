package dev.joulebench.core;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunStore;
import java.util.ServiceLoader;

/** Turns a spec of one kind into a job. Implementations are found through {@link ServiceLoader}. */
public interface JobFactory {
    String kind();

    Job create(JobSpec spec, RunStore store);

    /** Whether this factory runs the spec; lets two factories share a kind, e.g. eval of checkpoints and of ONNX files. */
    default boolean accepts(JobSpec spec) {
        return true;
    }

    /** The first installed factory of the spec's kind that accepts it. */
    static JobFactory forSpec(JobSpec spec) {
        for (JobFactory f : ServiceLoader.load(JobFactory.class)) {
            if (f.kind().equals(spec.kind()) && f.accepts(spec)) {
                return f;
            }
        }
        throw new BadInputException("No job for " + spec.kind() + " with method '" + spec.method() + "' is installed");
    }
}
