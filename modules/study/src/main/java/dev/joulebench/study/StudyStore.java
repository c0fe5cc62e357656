package dev.joulebench.study;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.store.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The studies of a workspace: {@code <workspace>/studies/<id>/}, beside {@code runs/}. */
public final class StudyStore {
    private static final Logger LOG = LoggerFactory.getLogger(StudyStore.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Path workspace;
    private final Random idSuffix;

    public StudyStore(Path workspace) {
        this(workspace, new Random());
    }

    public StudyStore(Path workspace, Random idSuffix) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.idSuffix = idSuffix;
    }

    public Path studiesDir() {
        return workspace.resolve("studies");
    }

    /** A new study folder {@code yyyyMMdd-HHmmss-study-<name>-<4 hex>} with its study.json written. */
    public StudyDirectory create(StudySpec spec, String executor, Instant now) {
        String stem = ID_TIME.format(now) + "-study-" + spec.name() + "-";
        try {
            Files.createDirectories(studiesDir());
            for (int attempt = 0; attempt < 64; attempt++) {
                String id = stem + HexFormat.of().toHexDigits((short) idSuffix.nextInt(1 << 16));
                Path dir = studiesDir().resolve(id);
                try {
                    Files.createDirectory(dir);
                    StudyDirectory d = new StudyDirectory(id, dir);
                    Sampler sampler = Sampler.of(spec);
                    d.write(new StudyRecord(id, now.toString(), now.toString(), StudyRecord.RUNNING, null, executor,
                            sampler.name(), Pruner.of(spec).name(), 0, spec));
                    return d;
                } catch (FileAlreadyExistsException taken) {
                    // another study got this suffix in the same second; draw again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("create a study folder under", studiesDir(), e), e);
        }
        throw new IllegalStateException("No free study id for " + stem + "* after 64 tries");
    }

    /** Every readable study, oldest first; unreadable ones are skipped with a warning. */
    public List<StudyRecord> list() {
        List<StudyRecord> out = new ArrayList<>();
        for (StudyDirectory d : directories()) {
            try {
                out.add(d.record());
            } catch (RuntimeException e) {
                LOG.warn("Skipping unreadable study {}: {}", d.id(), e.getMessage());
            }
        }
        return out;
    }

    /** The study with this id, or the only one whose id starts or ends with the text. */
    public StudyDirectory load(String idOrPart) {
        if (idOrPart == null || idOrPart.isBlank()) {
            throw new BadInputException("No study given; list studies with: joulebench study list");
        }
        List<StudyDirectory> matches = directories().stream()
                .filter(d -> d.id().equals(idOrPart) || d.id().startsWith(idOrPart) || d.id().endsWith(idOrPart))
                .toList();
        List<StudyDirectory> exact = matches.stream().filter(d -> d.id().equals(idOrPart)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        if (matches.isEmpty()) {
            throw new BadInputException("No study '" + idOrPart + "' in " + studiesDir() + "; list them with: joulebench study list");
        }
        if (matches.size() > 1) {
            throw new BadInputException("'" + idOrPart + "' matches " + matches.size() + " studies: "
                    + matches.stream().map(StudyDirectory::id).toList() + "; give more of the id");
        }
        return matches.get(0);
    }

    private List<StudyDirectory> directories() {
        if (!Files.isDirectory(studiesDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(studiesDir())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(StudyDirectory.STUDY_JSON))).sorted()
                    .map(d -> new StudyDirectory(d.getFileName().toString(), d)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("list", studiesDir(), e), e);
        }
    }
}
