package dev.joulebench.app;

import dev.joulebench.app.settings.SettingsStore;
import dev.joulebench.app.settings.WorkspaceLocation;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;

/**
 * Entry point that does not extend {@code Application}: with JavaFX on the class path (not the module
 * path) the JVM refuses to start an {@code Application} subclass as the main class. Arguments: an
 * optional workspace ({@code DIR} or {@code --workspace DIR}).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        // Like the CLI: the log goes to <workspace>/logs, set before the first logger exists.
        if (System.getProperty("joulebench.log.dir") == null) {
            Path workspace = WorkspaceLocation.choose(List.of(args), System.getenv(), SettingsStore.forUser().load(),
                    Path.of(System.getProperty("user.home")));
            System.setProperty("joulebench.log.dir", workspace.resolve("logs").toString());
        }
        Application.launch(JoulebenchApp.class, args);
    }
}
