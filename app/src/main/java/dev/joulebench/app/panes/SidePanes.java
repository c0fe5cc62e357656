package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartExport;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The tabs beside the charts: spectra and model for training runs; for compress runs the compression or
 * sensitivity tab instead of spectra, laid under the charts across the whole centre (their tables need
 * width). FX thread.
 */
final class SidePanes {
    private final CompressionViewModel compressionModel = new CompressionViewModel();
    private final ChiChart chiChart;
    private final TabPane side;
    private final SplitPane split;
    private final Tab spectraTab;
    private final Tab modelTab;
    private final Tab compressionTab;
    private final Tab sensitivityTab;
    private long shownVersion = -1;

    SidePanes(Node charts, Node spectra, Node model, ChartExport exports) {
        chiChart = new ChiChart(exports);
        spectraTab = new Tab("Spectra", spectra);
        modelTab = new Tab("Model", model);
        compressionTab = new Tab("Compression", new CompressionPane(compressionModel).node());
        compressionTab.setId("tab-compression");
        sensitivityTab = new Tab("Sensitivity", new SensitivityPane(compressionModel, chiChart, exports).node());
        sensitivityTab.setId("tab-sensitivity");
        side = new TabPane(spectraTab, modelTab);
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        split = new SplitPane(charts, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.64);
    }

    Node node() {
        return split;
    }

    CompressionViewModel compression() {
        return compressionModel;
    }

    int chiCurves() {
        return chiChart.curves();
    }

    /** Shows what the compression data now hold, when they changed since the last call. */
    void refresh(CompressionData compression) {
        long v = compression.version();
        if (v == shownVersion) {
            return;
        }
        shownVersion = v;
        var r = compression.report();
        compressionModel.show(r);
        chiChart.sync(compression.chiCurves.all(), compression.chiCurves.version());
        chiChart.showChis(r == null || r.sensitivity() == null ? null : r.sensitivity().chis());
        List<Tab> wanted = r == null ? List.of(spectraTab, modelTab)
                : r.isSensitivity() ? List.of(sensitivityTab, modelTab) : List.of(compressionTab, modelTab);
        if (!side.getTabs().equals(wanted)) {
            side.getTabs().setAll(wanted);
            side.getSelectionModel().select(0);
            split.setOrientation(r == null ? Orientation.HORIZONTAL : Orientation.VERTICAL);
            split.setDividerPositions(r == null ? 0.64 : 0.42);
        }
    }
}
