package dev.joulebench.core.spec;

/** One thing wrong with a spec: the field (as named in JSON and on the command line) and what is allowed. */
public record SpecProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
