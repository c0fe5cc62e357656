package dev.joulebench.app.support;

import atlantafx.base.theme.PrimerLight;
import dev.joulebench.app.panes.RunPanes;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The run panes alone on a test stage, in the app's theme, with their own file loader thread. Register it
 * as a test's {@code @RegisterExtension} field: it closes the panes and stops the loader after each test.
 */
public final class TestPanes implements AfterEachCallback {
    private ExecutorService loader;
    private RunPanes panes;

    /** Shows the panes on {@code stage} in a scene of the given size (call from a TestFX {@code @Start} method). */
    public RunPanes show(Stage stage, double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        loader = Executors.newSingleThreadExecutor(r -> new Thread(r, "panes-test-loader"));
        panes = new RunPanes(loader, FootprintSettings.defaults());
        stage.setScene(new Scene((Parent) panes.node(), width, height));
        stage.show();
        return panes;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (panes != null) {
            panes.close();
            loader.shutdownNow();
            panes = null;
            loader = null;
        }
    }
}
