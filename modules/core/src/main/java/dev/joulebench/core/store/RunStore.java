package dev.joulebench.core.store;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The runs of one workspace: {@code <workspace>/runs/<run-id>/}. */
public final class RunStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path workspace;
    private final Random idSuffix;

    public RunStore(Path workspace) {
        this(workspace, new Random());
    }

    /** {@code idSuffix} draws the 4 hex digits that keep ids made in the same second apart. */
    public RunStore(Path workspace, Random idSuffix) {
        this.workspace = workspace.toAbsolutePath().normalize();
        this.idSuffix = idSuffix;
    }

    public Path workspace() {
        return workspace;
    }

    public Path runsDir() {
        return workspace.resolve("runs");
    }

    /** Creates a fresh run directory named {@code yyyyMMdd-HHmmss-<kind>-<method>-<4 hex>} (UTC). */
    public RunDirectory create(String kind, String method, Instant now) {
        String stem = ID_TIME.format(now) + "-" + slug(kind) + "-" + slug(method) + "-";
        try {
            Files.createDirectories(runsDir());
            for (int attempt = 0; attempt < 64; attempt++) {
                String id = stem + HexFormat.of().toHexDigits((short) idSuffix.nextInt(1 << 16));
                Path dir = runsDir().resolve(id);
                try {
                    Files.createDirectory(dir);
                    return new RunDirectory(id, dir);
                } catch (FileAlreadyExistsException taken) {
                    // another run got this suffix in the same second; draw again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("create a run directory under", runsDir(), e), e);
        }
        throw new IllegalStateException("No free run id for " + stem + "* after 64 tries");
    }

    /** Every readable run, oldest first; unreadable run.json files are skipped with a warning. */
    public List<RunRecord> list() {
        if (!Files.isDirectory(runsDir())) {
            return List.of();
        }
        List<RunRecord> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runsDir())) {
            for (Path dir : dirs.sorted().toList()) {
                Path json = dir.resolve(RunDirectory.RUN_JSON);
                if (Files.isRegularFile(json)) {
                    try {
                        runs.add(read(json));
                    } catch (RuntimeException e) {
                        LOG.warn("Skipping unreadable run {}: {}", dir.getFileName(), e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("list", runsDir(), e), e);
        }
        runs.sort(Comparator.comparing(RunRecord::id));
        return runs;
    }

    /** The run with this id, or the only one whose id starts with (or ends with) the given text. */
    public RunRecord load(String idOrPrefix) {
        return read(resolve(idOrPrefix));
    }

    /** The directory of the run named by an id, unique prefix or unique suffix (e.g. the 4 hex digits). */
    public Path resolveDir(String idOrPrefix) {
        return resolve(idOrPrefix).getParent();
    }

    private Path resolve(String idOrPrefix) {
        if (idOrPrefix == null || idOrPrefix.isBlank()) {
            throw new BadInputException("No run given; list runs with: joulebench runs list");
        }
        Path exact = runsDir().resolve(idOrPrefix).resolve(RunDirectory.RUN_JSON);
        if (!idOrPrefix.contains("/") && Files.isRegularFile(exact)) {
            return exact;
        }
        List<String> matches = new ArrayList<>();
        if (Files.isDirectory(runsDir())) {
            try (Stream<Path> dirs = Files.list(runsDir())) {
                dirs.map(d -> d.getFileName().toString())
                        .filter(n -> n.startsWith(idOrPrefix) || n.endsWith(idOrPrefix))
                        .filter(n -> Files.isRegularFile(runsDir().resolve(n).resolve(RunDirectory.RUN_JSON)))
                        .sorted().forEach(matches::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (matches.size() == 1) {
            return runsDir().resolve(matches.get(0)).resolve(RunDirectory.RUN_JSON);
        }
        if (matches.isEmpty()) {
            throw new BadInputException("No run '" + idOrPrefix + "' in " + runsDir()
                    + ". List runs with: joulebench runs list");
        }
        throw new BadInputException("'" + idOrPrefix + "' matches " + matches.size() + " runs ("
                + String.join(", ", matches.subList(0, Math.min(5, matches.size())))
                + (matches.size() > 5 ? ", ..." : "") + "); give more of the id");
    }

    /** A damaged run.json (truncated, not JSON, wrong fields) is bad input naming the file, in one line. */
    private static RunRecord read(Path json) {
        try {
            return Json.mapper().readValue(json.toFile(), RunRecord.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new BadInputException(json + " is damaged (" + oneLine(e.getOriginalMessage())
                    + (at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "")
                    + "); the run's other files are still in " + json.getParent(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("read", json, e), e);
        }
    }

    private static String oneLine(String s) {
        String line = s == null ? "unreadable" : s.strip().replaceAll("\\s+", " ");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}
