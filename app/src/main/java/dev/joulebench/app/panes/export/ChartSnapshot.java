package dev.joulebench.app.panes.export;

/**
 * What a chart pane shows at one moment, copied on the FX thread into plain immutable values so that it can be
 * drawn as vectors on another thread while the pane goes on changing.
 */
public sealed interface ChartSnapshot permits PlotSnapshot, HeatMapSnapshot {
    String title();
}
