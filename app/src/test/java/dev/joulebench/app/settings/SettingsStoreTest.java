package dev.joulebench.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() {
        AppSettings s = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(s).isEqualTo(AppSettings.defaults());
        assertThat(s.width()).isEqualTo(AppSettings.DEFAULT_WIDTH);
        assertThat(s.dark()).isFalse();
    }

    @Test
    void savedSettingsLoadAgain() {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"));
        AppSettings s = AppSettings.defaults().withBounds(10, 20, 1200, 800, false).withDividers(List.of(0.2, 0.7))
                .withWorkspace("/data/ws").withDark(true).withExportFolder("/data/charts");
        store.save(s);
        assertThat(store.load()).isEqualTo(s);
        assertThat(dir.resolve("sub/settings.json.tmp")).doesNotExist();
    }

    @Test
    void corruptFileGivesDefaultsAndUnknownFieldsAreIgnored() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{ broken");
        assertThat(new SettingsStore(f).load()).isEqualTo(AppSettings.defaults());
        Files.writeString(f, "{\"width\": 900, \"fromALaterVersion\": 1}");
        assertThat(new SettingsStore(f).load().width()).isEqualTo(900.0);
    }

    @Test
    void implausibleSizesFallBackToDefaults() {
        AppSettings s = new AppSettings(null, null, 10.0, Double.NaN, null, null, null, null, null);
        assertThat(s.width()).isEqualTo(AppSettings.DEFAULT_WIDTH);
        assertThat(s.height()).isEqualTo(AppSettings.DEFAULT_HEIGHT);
    }

    @Test
    void theConfigDirectoryComesFromTheSystemPropertyWhenSet() {
        String old = System.getProperty(SettingsStore.DIR_PROPERTY);
        try {
            System.setProperty(SettingsStore.DIR_PROPERTY, dir.toString());
            assertThat(SettingsStore.forUser().file()).isEqualTo(dir.resolve("settings.json"));
        } finally {
            if (old == null) {
                System.clearProperty(SettingsStore.DIR_PROPERTY);
            } else {
                System.setProperty(SettingsStore.DIR_PROPERTY, old);
            }
        }
    }
}
