package dev.joulebench.app.status;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Bottom bar: device · sensors (measured/estimated, details on hover) · job progress. */
public final class StatusBar {
    private final HBox root = new HBox(10);

    public StatusBar(StatusViewModel model) {
        Label device = new Label();
        device.setId("status-device");
        device.textProperty().bind(model.deviceProperty());
        Label sensors = new Label();
        sensors.setId("status-sensors");
        sensors.textProperty().bind(model.sensorsProperty());
        Tooltip detail = new Tooltip();
        detail.textProperty().bind(model.sensorDetailProperty());
        detail.setWrapText(true);
        detail.setMaxWidth(600);
        sensors.setTooltip(detail);
        Label job = new Label();
        job.setId("status-job");
        job.textProperty().bind(model.jobProperty());
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.jobProperty().isNotEqualTo("idle"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        root.getChildren().addAll(device, new Separator(Orientation.VERTICAL), sensors, gap, job, bar);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(3, 10, 3, 10));
        root.getStyleClass().add("status-bar");
    }

    public Node node() {
        return root;
    }
}
