package dev.joulebench.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the app remembers between sessions: window bounds, the split-pane dividers, the last workspace, the
 * theme and the folder charts were last exported to. Null bounds mean "let the window manager place it".
 *
 * @param dividers     positions (0..1) of the main split pane's dividers, left to right
 * @param exportFolder where the chart export dialog opens, null until a chart was exported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(Double x, Double y, Double width, Double height, Boolean maximized, List<Double> dividers,
                          String workspace, Boolean dark, String exportFolder) {
    public static final double DEFAULT_WIDTH = 1560;
    public static final double DEFAULT_HEIGHT = 940;

    public AppSettings {
        width = width == null || !(width >= 400) ? DEFAULT_WIDTH : width;
        height = height == null || !(height >= 300) ? DEFAULT_HEIGHT : height;
        maximized = maximized != null && maximized;
        dividers = dividers == null ? List.of(0.235, 0.77) : List.copyOf(dividers);
        dark = dark != null && dark;
    }

    public static AppSettings defaults() {
        return new AppSettings(null, null, null, null, null, null, null, null, null);
    }

    public AppSettings withBounds(double newX, double newY, double newWidth, double newHeight, boolean isMaximized) {
        return new AppSettings(newX, newY, newWidth, newHeight, isMaximized, dividers, workspace, dark, exportFolder);
    }

    public AppSettings withDividers(List<Double> positions) {
        return new AppSettings(x, y, width, height, maximized, positions, workspace, dark, exportFolder);
    }

    public AppSettings withWorkspace(String path) {
        return new AppSettings(x, y, width, height, maximized, dividers, path, dark, exportFolder);
    }

    public AppSettings withDark(boolean on) {
        return new AppSettings(x, y, width, height, maximized, dividers, workspace, on, exportFolder);
    }

    public AppSettings withExportFolder(String folder) {
        return new AppSettings(x, y, width, height, maximized, dividers, workspace, dark, folder);
    }
}
