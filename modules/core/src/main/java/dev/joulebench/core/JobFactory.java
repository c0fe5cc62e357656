package dev.joulebench.core;

import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Turns a spec of one kind into a job. Implementations are found through {@link ServiceLoader}.
 *
 * <p>{@link #check} is the one place that decides whether a spec can run here: the command line
 * prints what it returns (exit 2, before a run directory exists) and the app shows it per field.
 * {@link #create} refuses exactly what {@code check} finds, so a run never fails right after it
 * started for a reason {@code check} could have named.
 */
public interface JobFactory {
    String kind();

    /** Whether this factory runs the spec; lets two factories share a kind, e.g. eval of checkpoints and of ONNX files. */
    default boolean accepts(JobSpec spec) {
        return true;
    }

    /**
     * Every problem of the spec in this environment, beyond its own {@link JobSpec#problems()}: the model
     * exists and fits the dataset, the dataset is found, the device is here, options are known. Never throws
     * for bad input; may read files (call it off a UI thread).
     */
    List<SpecProblem> check(JobSpec spec, JobEnvironment env);

    /** Makes the job of a spec {@link #check} accepted; called only through {@link #create}. */
    Job build(JobSpec spec, JobEnvironment env);

    /** Checks the spec (its own problems and this factory's) and makes the job; throws what check found. */
    default Job create(JobSpec spec, JobEnvironment env) {
        List<SpecProblem> problems = checkAll(spec, env);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(spec.kind(), problems);
        }
        return build(spec, env);
    }

    /**
     * The spec's own problems, then this factory's, so a user sees all of them at once; a factory problem of a
     * field the spec already faults is left out (it would restate the same mistake).
     */
    default List<SpecProblem> checkAll(JobSpec spec, JobEnvironment env) {
        List<SpecProblem> own = spec.problems();
        List<SpecProblem> problems = new ArrayList<>(own);
        try {
            for (SpecProblem p : check(spec, env)) {
                if (own.stream().noneMatch(o -> o.field().equals(p.field()))) {
                    problems.add(p);
                }
            }
        } catch (BadInputException e) {
            // a check that threw still names the problem rather than escaping as an exception
            problems.add(new SpecProblem("spec", e.getMessage()));
        } catch (RuntimeException e) {
            if (own.isEmpty()) {
                throw e;
            }
            // the check tripped over a value the spec's own problems already name
        }
        return List.copyOf(problems);
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

    /** Every problem of a spec in an environment, as the installed factory for it sees them. */
    static List<SpecProblem> problemsOf(JobSpec spec, JobEnvironment env) {
        JobFactory factory;
        try {
            factory = forSpec(spec);
        } catch (BadInputException none) {
            return spec.problems().isEmpty() ? List.of(new SpecProblem("method", none.getMessage())) : spec.problems();
        }
        return factory.checkAll(spec, env);
    }
}
