package dev.joulebench.app.panes;

import dev.joulebench.app.panes.export.ChartExport;
import java.util.List;
import java.util.concurrent.Executor;
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
    private final RmtKdViewModel rmtkdModel = new RmtKdViewModel();
    private final RmtKdPane rmtkdPane;
    private final Tab rmtkdTab;
    private long shownVersion = -1;

    SidePanes(Node charts, Node spectra, Node model, ChartExport exports, Executor loader) {
        chiChart = new ChiChart(exports);
        rmtkdPane = new RmtKdPane(rmtkdModel, loader, exports);
        rmtkdTab = new Tab("RMT-KD", rmtkdPane.node());
        rmtkdTab.setId("tab-rmtkd");
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

    RmtKdViewModel rmtkd() {
        return rmtkdModel;
    }

    RmtKdPane rmtkdPane() {
        return rmtkdPane;
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
        rmtkdModel.show(compression.rmtkd());
        chiChart.sync(compression.chiCurves.all(), compression.chiCurves.version());
        chiChart.showChis(r == null || r.sensitivity() == null ? null : r.sensitivity().chis());
        List<Tab> wanted = r == null ? List.of(spectraTab, modelTab)
                : r.isSensitivity() ? List.of(sensitivityTab, modelTab)
                : compression.rmtkd() != null ? List.of(rmtkdTab, compressionTab, modelTab)
                : List.of(compressionTab, modelTab);
        if (!side.getTabs().equals(wanted)) {
            side.getTabs().setAll(wanted);
            side.getSelectionModel().select(0);
            split.setOrientation(r == null ? Orientation.HORIZONTAL : Orientation.VERTICAL);
            split.setDividerPositions(r == null ? 0.64 : 0.42);
        }
    }
}
