package dev.joulebench.core.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a run is asked to do. Serialised with a {@code "kind"} property, so one JSON file can be
 * saved by the app and run by {@code joulebench run SPEC.json}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrainSpec.class, name = TrainSpec.KIND),
    @JsonSubTypes.Type(value = EvalSpec.class, name = EvalSpec.KIND),
    @JsonSubTypes.Type(value = CompressSpec.class, name = CompressSpec.KIND)
})
public sealed interface JobSpec permits TrainSpec, EvalSpec, CompressSpec {
    String kind();

    /** The method part of the run id, e.g. {@code bp}. */
    String method();

    Long seed();

    String device();

    /** Every problem with this spec; empty when it is valid. */
    List<SpecProblem> problems();

    default <T extends JobSpec> T requireValid(Class<T> type) {
        List<SpecProblem> p = problems();
        if (!p.isEmpty()) {
            throw new InvalidSpecException(kind(), p);
        }
        return type.cast(this);
    }
}
