package dev.joulebench.app.panes.export;

import java.util.List;

/**
 * A heat-map as shown: row and column headers, one cell per measured value with its text and its place on the
 * colour scale ({@link dev.joulebench.app.panes.model.HeatScale}), the outlined cells, and the scale's ends.
 *
 * @param caption   the line under the title (baseline, what the cells show, what the outline means)
 * @param scaleLow  what the scale's low end (shade 0) stands for, e.g. "84.10 %"
 * @param scaleHigh what its high end (shade 1) stands for
 */
public record HeatMapSnapshot(String title, String caption, String corner, List<String> rows, List<String> columns,
                              List<Cell> cells, String scaleLow, String scaleHigh) implements ChartSnapshot {
    public HeatMapSnapshot {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        cells = List.copyOf(cells);
    }

    /**
     * @param shade    0 (low end) … 1 (high end); NaN while not measured
     * @param outlined the cell the policy chose
     */
    public record Cell(int row, int column, String text, double shade, boolean outlined) {}
}
