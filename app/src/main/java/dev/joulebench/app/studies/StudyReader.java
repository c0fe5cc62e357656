package dev.joulebench.app.studies;

import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudyRecord;
import dev.joulebench.study.StudyStore;
import dev.joulebench.study.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a workspace's studies for the live view, only what changed since the last read: the study list when
 * the set of study folders changed, the selected study when its study.json or trials.json changed (time and
 * size). Not thread-safe: one poll at a time uses it (the view-model sees to that), on the io executor.
 */
final class StudyReader {
    /** What a read of the selected study found. */
    sealed interface Result {}

    /** Neither file changed since the last read. */
    record Unchanged() implements Result {}

    /** The study's folder (or its study.json) is gone: deleted while shown. */
    record Gone(String id) implements Result {}

    /** A file could not be read (being replaced, or damaged); the last good read stays shown. */
    record Unreadable(String id, String why) implements Result {}

    /** The study as it is now. */
    record Read(StudyRecord study, List<Trial> trials) implements Result {}

    /** Time, size and file key (the inode: each atomic replace makes a new one, even within a millisecond). */
    private record Stamp(long studyModified, long studySize, Object studyKey, long trialsModified, long trialsSize,
                         Object trialsKey) {}

    private List<String> lastIds;
    private String lastId;
    private Stamp lastStamp;

    /** The studies, when the folders differ from the last call's (or on the first call); null when they do not. */
    List<StudyRecord> studiesIfChanged(StudyStore store) {
        List<String> ids = ids(store.studiesDir());
        if (ids.equals(lastIds)) {
            return null;
        }
        lastIds = ids;
        return store.list();
    }

    /** Forgets what was read, so the next calls read everything again (another workspace). */
    void forget() {
        lastIds = null;
        lastId = null;
        lastStamp = null;
    }

    /** Reads study {@code id} if it changed since the last read of it. */
    Result read(StudyStore store, String id) {
        Path dir = store.studiesDir().resolve(id);
        Stamp stamp;
        try {
            stamp = stamp(dir);
        } catch (NoSuchFileException gone) {
            lastStamp = null;
            return new Gone(id);
        } catch (IOException e) {
            return new Unreadable(id, e.toString());
        }
        if (id.equals(lastId) && stamp.equals(lastStamp)) {
            return new Unchanged();
        }
        try {
            StudyDirectory d = new StudyDirectory(id, dir);
            StudyRecord study = d.record();
            if (study.spec() == null || study.spec().objectives().isEmpty()) {
                return new Unreadable(id, StudyDirectory.STUDY_JSON + " holds no study spec");
            }
            List<Trial> trials = d.trials();
            lastId = id;
            lastStamp = stamp;
            return new Read(study, trials);
        } catch (RuntimeException e) {
            // a half-written or damaged file, or the folder deleted between the stamp and the read: try again next poll
            return Files.isRegularFile(dir.resolve(StudyDirectory.STUDY_JSON))
                    ? new Unreadable(id, e.getMessage()) : new Gone(id);
        }
    }

    private static Stamp stamp(Path dir) throws IOException {
        BasicFileAttributes study = Files.readAttributes(dir.resolve(StudyDirectory.STUDY_JSON), BasicFileAttributes.class);
        Path trials = dir.resolve(StudyDirectory.TRIALS_JSON);
        BasicFileAttributes t = null;
        try {
            t = Files.readAttributes(trials, BasicFileAttributes.class);
        } catch (NoSuchFileException none) {
            // a new study has no trials.json yet
        }
        return new Stamp(study.lastModifiedTime().toMillis(), study.size(), study.fileKey(),
                t == null ? -1 : t.lastModifiedTime().toMillis(), t == null ? -1 : t.size(), t == null ? null : t.fileKey());
    }

    private static List<String> ids(Path studiesDir) {
        if (!Files.isDirectory(studiesDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(studiesDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(StudyDirectory.STUDY_JSON)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of(); // unreadable now: treated as no studies until the next poll
        }
    }
}
