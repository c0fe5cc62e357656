package dev.joulebench.data;

import dev.joulebench.core.BadInputException;

/**
 * A data file that exists but cannot be used as it is: wrong magic number, truncated, counts that
 * disagree. It is bad input rather than a bug, because the fix is to replace the file; the message
 * names the file and what was expected so that the user knows which one.
 */
public class DataFormatException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
