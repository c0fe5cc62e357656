package dev.joulebench.data;

import dev.joulebench.core.BadInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * A dataset, or one of its files, that is not where it was looked for. The places looked at are
 * kept as paths as well as in the message, so that a GUI can show them or offer to create one.
 */
public class DatasetNotFoundException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<Path> searched;

    public DatasetNotFoundException(String message, List<Path> searched) {
        super(message);
        this.searched = List.copyOf(searched);
    }

    /** Every place looked at, in the order they were tried. */
    public List<Path> searched() {
        return searched;
    }
}
