package dev.joulebench.core;

/**
 * Input the user can fix: a bad spec value, a missing or corrupt dataset, an unknown run.
 * The command line maps it to exit code 2; the message says what is wrong and how to fix it.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
