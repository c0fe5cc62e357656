package dev.joulebench.app.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link AppSettings} as {@code settings.json} in the config directory:
 * {@value #DIR_PROPERTY} if set (tests point it at a temp directory), else {@code ~/.config/joulebench}.
 * A missing or unreadable file gives the defaults; the app must start whatever is on disk.
 */
public final class SettingsStore {
    public static final String DIR_PROPERTY = "joulebench.config.dir";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store of this user: the system property's directory, else {@code ~/.config/joulebench}. */
    public static SettingsStore forUser() {
        String dir = System.getProperty(DIR_PROPERTY);
        Path base = dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".config", "joulebench");
        return new SettingsStore(base.resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    public AppSettings load() {
        if (!Files.isRegularFile(file)) {
            return AppSettings.defaults();
        }
        try {
            AppSettings s = MAPPER.readValue(file.toFile(), AppSettings.class);
            return s == null ? AppSettings.defaults() : s;
        } catch (IOException | RuntimeException e) {
            // Looked up here, not in a static field: the launcher reads settings before logging is configured.
            LoggerFactory.getLogger(SettingsStore.class).warn("Ignoring unreadable settings {}: {}", file, e.getMessage());
            return AppSettings.defaults();
        }
    }

    /** Writes atomically (temp file + rename), so a crash mid-write leaves the old settings. */
    public void save(AppSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            MAPPER.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LoggerFactory.getLogger(SettingsStore.class).warn("Cannot save settings to {}: {}", file, e.getMessage());
        }
    }
}
