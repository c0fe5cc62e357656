package dev.joulebench.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's directory. {@code run.json} is replaced atomically (temp file, fsync, rename) so a
 * reader never sees half a file; {@code metrics.jsonl} is appended and flushed line by line so a
 * killed run keeps every metric written before the kill.
 */
public final class RunDirectory implements AutoCloseable {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS = "metrics.jsonl";

    /** One compact line per metric; nulls kept (the default mapper drops them, also from maps). */
    private static final com.fasterxml.jackson.databind.ObjectWriter LINE = Json.mapper().copy()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS).writer()
            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final String id;
    private final Path dir;
    private BufferedWriter metrics;

    RunDirectory(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    public String id() {
        return id;
    }

    public Path path() {
        return dir;
    }

    public Path modelDir() {
        return dir.resolve("model");
    }

    public synchronized void writeRecord(RunRecord record) {
        writeAtomically(dir.resolve(RUN_JSON), Json.write(record));
    }

    public synchronized void appendMetric(RunEvent.MetricPoint p) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("t", round(p.t()));
        line.put("step", p.step());
        line.put("epoch", p.epoch());
        line.put("name", p.name());
        // JSON has no NaN or infinity; a diverged loss is written as null rather than breaking the file.
        line.put("value", Double.isFinite(p.value()) ? p.value() : null);
        try {
            if (metrics == null) {
                metrics = Files.newBufferedWriter(dir.resolve(METRICS), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            metrics.write(LINE.writeValueAsString(line));
            metrics.write('\n');
            metrics.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.explained("append to", dir.resolve(METRICS), e));
        }
    }

    @Override
    public synchronized void close() {
        if (metrics != null) {
            try {
                metrics.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                metrics = null;
            }
        }
    }

    /**
     * Replaces the file atomically; on a full disk (where even the small temp file finds no room) it
     * overwrites the file in place instead, which reuses the blocks the old content frees, so the run's
     * end (failed, and why) is still recorded. That fallback is not atomic: it is used only after the
     * atomic way has failed for want of space.
     */
    static void writeAtomically(Path target, String content) {
        try {
            AtomicFiles.write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)), true);
        } catch (IOException e) {
            if (FileErrors.isDiskFull(e) && Files.isRegularFile(target)) {
                try {
                    Files.write(target, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    return;
                } catch (IOException inPlace) {
                    e.addSuppressed(inPlace);
                }
            }
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static double round(double t) {
        return Math.round(t * 1e6) / 1e6;
    }
}
