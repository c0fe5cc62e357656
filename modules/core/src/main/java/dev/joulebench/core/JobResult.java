package dev.joulebench.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** The summary metrics of a run, e.g. {@code test/accuracy}; written into run.json. */
public record JobResult(Map<String, Double> summary) {
    public JobResult {
        summary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    }
}
