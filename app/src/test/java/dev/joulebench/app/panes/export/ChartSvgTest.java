package dev.joulebench.app.panes.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.panes.model.HeatScale;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SVG of a chart is vectors: one path per data set with its points, text for names, units and markers. */
class ChartSvgTest {
    private static final int BLUE = 0x1f77b4;
    private static final int RED = 0xd62728;

    @Test
    void eachSeriesIsOnePathWithItsPointsAndTheLegendAxesAndMarkersAreText() throws Exception {
        PlotSnapshot plot = new PlotSnapshot("Power",
                new PlotSnapshot.Axis("time", "s", 0, 10, 0), new PlotSnapshot.Axis("power", "W", 0, 50, 0),
                List.of(series("cpu (measured)", BLUE, PlotSnapshot.Style.LINE, false, 3),
                        series("gpu0 (estimated)", RED, PlotSnapshot.Style.LINE_AND_POINTS, true, 5)),
                List.of(new PlotSnapshot.Marker(5, "fc1 cut", 0xd55e00)));

        SvgDocument svg = SvgDocument.parse(ChartSvg.render(plot, 0.6));

        assertThat(svg.root().getLocalName()).isEqualTo("svg");
        assertThat(svg.pathPoints(ChartSvg.seriesId(0))).containsExactly(3);
        assertThat(svg.pathPoints(ChartSvg.seriesId(1))).containsExactly(5);
        assertThat(svg.style(ChartSvg.seriesId(0))).contains("stroke:rgb(31,119,180)");
        assertThat(svg.style(ChartSvg.seriesId(1))).contains("stroke:rgb(214,39,40)").contains("stroke-dasharray");
        assertThat(svg.texts()).contains("Power", "cpu (measured)", "gpu0 (estimated)", "time (s)", "power (W)",
                "fc1 cut");
        // no bitmap anywhere: the picture is vectors and text
        assertThat(svg.elements("image")).isEmpty();
        assertThat(svg.root().getAttribute("width")).isEqualTo("495.0");
        assertThat(svg.root().getAttribute("height")).isEqualTo("297.0");
        // a tall narrow side pane becomes a square figure, not a strip
        assertThat(SvgDocument.parse(ChartSvg.render(plot, 2.4)).root().getAttribute("height")).isEqualTo("495.0");
    }

    @Test
    void theAxesKeepTheRangeShownAndALogAxisIsLabelledInPowersOfItsBase() throws Exception {
        PlotSnapshot plot = new PlotSnapshot("Accuracy vs χ",
                new PlotSnapshot.Axis("bond dimension χ", "", 2, 64, 2), new PlotSnapshot.Axis("accuracy", "", 0.5, 0.9, 0),
                List.of(new PlotSnapshot.Series("fc1", BLUE, PlotSnapshot.Style.LINE_AND_POINTS, false,
                        new double[] {2, 4, 8, 16, 32, 64}, new double[] {0.6, 0.7, 0.8, 0.85, 0.87, 0.88})),
                List.of());

        SvgDocument svg = SvgDocument.parse(ChartSvg.render(plot, 0.6));

        assertThat(svg.pathPoints(ChartSvg.seriesId(0))).containsExactly(6);
        // ticks at 2, 4, ..., 64 on the log₂ axis; the y axis starts at the shown 0.5, not at zero
        assertThat(svg.texts()).contains("2", "4", "8", "16", "32", "64", "0.50", "0.90", "bond dimension χ");
        assertThat(svg.texts()).doesNotContain("0.00", "0", "1");
    }

    @Test
    void aGapInASeriesSplitsItsLineAndPointsBarsAndAreasAreDrawn() throws Exception {
        PlotSnapshot plot = new PlotSnapshot("Spectrum", new PlotSnapshot.Axis("eigenvalue λ", "", 0, 4, 0),
                new PlotSnapshot.Axis("density", "", 0, 1, 0),
                List.of(new PlotSnapshot.Series("ESD", 0x8899aa, PlotSnapshot.Style.AREA, false,
                                new double[] {0, 0, 1, 1, 2, 2}, new double[] {0, 0.5, 0.5, 0.8, 0.8, 0}),
                        new PlotSnapshot.Series("MP fit", BLUE, PlotSnapshot.Style.LINE, false,
                                new double[] {0.5, 1, 1.5, 2, 2.5}, new double[] {0.2, 0.6, Double.NaN, 0.5, 0.1}),
                        new PlotSnapshot.Series("kept", RED, PlotSnapshot.Style.POINTS, false,
                                new double[] {3, 3.5}, new double[] {0.05, 0.05})),
                List.of(new PlotSnapshot.Marker(2.2, "λ+", 0xd55e00)));

        SvgDocument svg = SvgDocument.parse(ChartSvg.render(plot, 0.6));

        // JFreeChart breaks the line at the NaN: two runs of 2 points, in one path (two move-tos)
        assertThat(svg.pathPoints(ChartSvg.seriesId(1))).containsExactly(4);
        assertThat(svg.texts()).contains("ESD", "MP fit", "kept", "λ+");
    }

    @Test
    void aHeatMapHasACellPerValueInItsColourAndTheScale() throws Exception {
        HeatMapSnapshot heat = new HeatMapSnapshot("Layer sensitivity", "baseline 88.00 %   cells: accuracy (%)",
                "layer \\ χ", List.of("fc1", "fc2"), List.of("χ=2", "χ=4"),
                List.of(new HeatMapSnapshot.Cell(0, 0, "70.0", 0.0, false), new HeatMapSnapshot.Cell(0, 1, "80.0", 0.5, true),
                        new HeatMapSnapshot.Cell(1, 0, "85.0", 0.75, false), new HeatMapSnapshot.Cell(1, 1, "…", Double.NaN, false)),
                "70.00 %", "88.00 %");

        SvgDocument svg = SvgDocument.parse(ChartSvg.render(heat, 1));

        assertThat(svg.texts()).contains("Layer sensitivity", "fc1", "fc2", "χ=2", "χ=4", "70.0", "80.0", "85.0", "…",
                "70.00 %", "88.00 %", "baseline 88.00 % · cells: accuracy (%)");
        // each cell in its colour on the scale; the scale strip steps at i/11, so 0.75 is the cell alone
        assertThat(svg.rectsFilled(HeatScale.rgb(0.75))).isEqualTo(1);
        assertThat(svg.rectsFilled(HeatScale.rgb(0.0))).isEqualTo(2); // the cell and the scale's low end
        assertThat(svg.elements("image")).isEmpty();
    }

    @Test
    void theHeatScaleIsJavaFxsHueScale() {
        for (double shade = 0; shade <= 1.0001; shade += 0.05) {
            javafx.scene.paint.Color c = javafx.scene.paint.Color.hsb(120 * Math.min(1, shade), 0.45, 0.93);
            assertThat(HeatScale.rgb(shade)).as("shade %.2f", shade).isEqualTo(ChartCapture.rgb(c));
        }
        assertThat(HeatScale.css(1)).isEqualTo(String.format("#%06x", HeatScale.rgb(1)));
    }

    private static PlotSnapshot.Series series(String name, int rgb, PlotSnapshot.Style style, boolean dashed, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 2;
            y[i] = 10 + i * 3;
        }
        return new PlotSnapshot.Series(name, rgb, style, dashed, x, y);
    }
}
