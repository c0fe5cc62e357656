package dev.joulebench.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.joulebench.core.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one JSON configuration of Joulebench: pretty, records as objects, unknown spec fields rejected. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    /** Thread-safe and immutable in use; never reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a spec file; a missing file or malformed JSON is bad input with the reason and the file named. */
    /**
     * A JSON-lines file of a run (metrics.jsonl) read leniently: a missing file is empty, a half-written line
     * (the last one of a killed run) is skipped.
     */
    public static java.util.List<com.fasterxml.jackson.databind.JsonNode> readLines(Path file) {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    // the half line a killed writer leaves
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dev.joulebench.core.store.FileErrors.describe("read", file, e), e);
        }
        return out;
    }

    /** Larger than any spec a person or a study writes. */
    static final long MAX_SPEC_BYTES = 1 << 20;

    public static JobSpec readSpec(Path file) {
        return readObject(file, JobSpec.class, "Spec",
                "a spec is a JSON object with \"kind\": \"train\" or \"eval\" and the fields of that kind");
    }

    /**
     * A small JSON file (at most {@value #MAX_SPEC_BYTES} bytes, a regular file) read as {@code type}; every way it
     * can be wrong is a {@link BadInputException} naming the file, with {@code shape} saying what it should hold.
     *
     * @param what the file's role, capitalised ("Spec", "Study spec")
     */
    public static <T> T readObject(Path file, Class<T> type, String what, String shape) {
        String lower = what.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + what.substring(1);
        try {
            // a named pipe would block the read forever, /dev/zero would fill the heap
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new BadInputException(what + " " + file + " is not a regular file (a folder, a device or a pipe)");
            }
            if (Files.isRegularFile(file) && Files.size(file) > MAX_SPEC_BYTES) {
                throw new BadInputException(what + " " + file + " is " + Files.size(file) + " bytes; a " + lower
                        + " is a small JSON object (at most " + MAX_SPEC_BYTES + " bytes)");
            }
            T value = MAPPER.readValue(Files.readString(file), type);
            if (value == null) {
                throw new BadInputException("Cannot read " + lower + " " + file + ": it holds no JSON object (" + shape + ")");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new BadInputException(what + " file not found: " + file);
        } catch (JsonProcessingException e) {
            throw new BadInputException("Cannot read " + lower + " " + file + ": " + e.getOriginalMessage()
                    + " (" + shape + ")", e);
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + lower + " " + file + ": "
                    + dev.joulebench.core.store.FileErrors.describe(e), e);
        }
    }
}
