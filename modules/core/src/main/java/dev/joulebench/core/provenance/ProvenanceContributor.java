package dev.joulebench.core.provenance;

import java.util.List;
import java.util.Map;

/**
 * Adds what only a module knows (engine versions, GPUs it can see) to every run's provenance.
 * Found through {@link java.util.ServiceLoader}; must be cheap and must not throw.
 */
public interface ProvenanceContributor {
    Map<String, String> libraries();

    default List<String> gpus() {
        return List.of();
    }
}
