package dev.joulebench.app;

import dev.joulebench.app.settings.SettingsStore;
import dev.joulebench.app.settings.WorkspaceLocation;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: opens the main window on the workspace chosen from the arguments and settings. */
public final class JoulebenchApp extends Application {
    private AppExecutors executors;
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        SettingsStore store = SettingsStore.forUser();
        Path workspace = WorkspaceLocation.choose(getParameters().getRaw(), System.getenv(), store.load(),
                Path.of(System.getProperty("user.home")));
        executors = new AppExecutors();
        window = new MainWindow(stage, workspace, store, executors);
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (executors != null) {
            executors.close();
        }
    }
}
