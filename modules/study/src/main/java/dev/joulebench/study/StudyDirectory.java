package dev.joulebench.study;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.core.store.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One study's folder: {@code study.json} (spec and state), {@code trials.json} (every trial with its run id,
 * rewritten atomically after each change, so a crash loses at most the change in flight) and
 * {@code trials/<n>.json} (each trial's run spec, as {@code joulebench run} takes it).
 */
public record StudyDirectory(String id, Path path) {
    public static final String STUDY_JSON = "study.json";
    public static final String TRIALS_JSON = "trials.json";

    public StudyRecord record() {
        Path f = path.resolve(STUDY_JSON);
        try {
            return Json.mapper().readValue(f.toFile(), StudyRecord.class);
        } catch (IOException e) {
            throw new BadInputException("study " + id + ": " + STUDY_JSON + " cannot be read ("
                    + FileErrors.describe(e) + ")");
        }
    }

    public void write(StudyRecord record) {
        save(path.resolve(STUDY_JSON), record);
    }

    /** The trials recorded so far, by number; none for a new study. */
    public List<Trial> trials() {
        Path f = path.resolve(TRIALS_JSON);
        if (!Files.exists(f)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(f.toFile(), new TypeReference<List<Trial>>() { });
        } catch (IOException e) {
            throw new BadInputException("study " + id + ": " + TRIALS_JSON + " cannot be read ("
                    + FileErrors.describe(e) + ")");
        }
    }

    public void write(List<Trial> trials) {
        save(path.resolve(TRIALS_JSON), trials);
    }

    /** Writes trial {@code number}'s run spec and returns its file. */
    public Path writeTrialSpec(int number, JobSpec spec) {
        Path f = path.resolve("trials").resolve(number + ".json");
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("create", f.getParent(), e), e);
        }
        save(f, spec);
        return f;
    }

    private static void save(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, Json.write(value));
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("write", file, e), e);
        }
    }
}
