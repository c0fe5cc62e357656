package dev.joulebench.core.spec;

/**
 * One thing wrong with a spec: the field (as named in JSON; the command line's option of the same
 * name), what is wrong, and how to fix it (null when the message already says).
 */
public record SpecProblem(String field, String message, String hint) {
    public SpecProblem(String field, String message) {
        this(field, message, null);
    }

    @Override
    public String toString() {
        return field + ": " + message + (hint == null || hint.isBlank() ? "" : " (" + hint + ")");
    }
}
