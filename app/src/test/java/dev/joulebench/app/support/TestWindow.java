package dev.joulebench.app.support;

import dev.joulebench.app.AppExecutors;
import dev.joulebench.app.MainWindow;
import dev.joulebench.app.settings.SettingsStore;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;

/**
 * The whole window on a test stage over a workspace and a config directory, with its own executors.
 * Register it as a test's {@code @RegisterExtension} field: it closes the window after each test.
 */
public final class TestWindow implements AfterEachCallback {
    private AppExecutors executors;
    private MainWindow window;

    /** Opens the window on {@code stage} (call from a TestFX {@code @Start} method). */
    public MainWindow show(Stage stage, Path workspace, Path config) {
        executors = new AppExecutors();
        window = new MainWindow(stage, workspace, new SettingsStore(config.resolve("settings.json")), executors);
        window.show();
        return window;
    }

    /** Closes the window on the FX thread, then its executors. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (window != null) {
            new FxRobot().interact(window::close);
            executors.close();
            window = null;
            executors = null;
        }
    }

    /** Sets the text of the text field {@code query} finds, on the FX thread. */
    public static void fill(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> field.setText(text));
        settle(robot);
    }

    /** Waits until the launcher's form check (off the FX thread, debounced) has answered and been drawn. */
    public static void settle(FxRobot robot) {
        javafx.scene.Node checking = robot.lookup("#launcher-checking").query();
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !checking.isVisible());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the form check did not answer within 30 s", e);
        }
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
