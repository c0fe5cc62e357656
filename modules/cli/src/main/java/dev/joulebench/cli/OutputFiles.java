package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.core.store.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a user names on the command line to be written: checked before any work, written atomically. */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * The file to write for an option: an existing folder gets {@code defaultName} inside it; a file whose folder
     * does not exist, or that cannot be written, is bad input naming the option.
     */
    static Path target(String option, Path file, String defaultName) {
        Path target = Files.isDirectory(file) && defaultName != null ? file.resolve(defaultName) : file;
        if (Files.isDirectory(target)) {
            throw new BadInputException(option + " " + file + " is a folder; give a file name");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BadInputException(option + " " + file + ": the folder " + parent + " does not exist; make it first "
                    + "or give a path inside an existing folder");
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new BadInputException(option + " " + file + ": the folder " + parent + " cannot be written here");
        }
        return target;
    }

    /** Writes a valid spec as JSON for {@code joulebench run FILE}; a bad path is bad input. */
    static Path saveSpec(Path file, JobSpec spec, Class<? extends JobSpec> type) {
        spec.requireValid(type);
        Path target = target("--save-spec", file, null);
        try {
            AtomicFiles.writeString(target, Json.write(spec) + "\n");
        } catch (IOException e) {
            throw new BadInputException("--save-spec: " + FileErrors.describe(e), e);
        }
        return target;
    }
}
