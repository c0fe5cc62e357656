package dev.joulebench.app.report;

import dev.joulebench.report.PaperSize;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * File ▸ Export report…: asks where (the file type picks A4 or US Letter), writes the report of the selected runs
 * (or of the open comparison) off the FX thread, and shows its progress in a small window that stays until closed.
 */
public final class ReportExportAction implements Runnable {
    /** The run ids to report, in order, and where the choice came from ("selected runs", "the comparison"). */
    public record Subjects(List<String> runIds, String what) {}

    private final Window owner;
    private final ReportExport export;
    private final Supplier<Path> workspace;
    private final Supplier<Subjects> subjects;
    private final Chooser chooser;

    /** Where to save; a dialog in the app, a fixed answer in tests. */
    @FunctionalInterface
    public interface Chooser {
        /** @return the file and paper, or null when the user cancels */
        Choice choose(Window owner, String suggestedName);
    }

    public record Choice(Path file, PaperSize paper) {}

    public ReportExportAction(Window owner, ReportExport export, Supplier<Path> workspace, Supplier<Subjects> subjects,
                              Chooser chooser) {
        this.owner = owner;
        this.export = export;
        this.workspace = workspace;
        this.subjects = subjects;
        this.chooser = chooser;
    }

    /** The save dialog: a PDF file, its type A4 or US Letter. */
    public static Choice fileDialog(Window owner, String suggestedName) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export report");
        FileChooser.ExtensionFilter a4 = new FileChooser.ExtensionFilter("PDF report, A4", "*.pdf");
        FileChooser.ExtensionFilter letter = new FileChooser.ExtensionFilter("PDF report, US Letter", "*.pdf");
        fc.getExtensionFilters().addAll(a4, letter);
        fc.setSelectedExtensionFilter(a4);
        fc.setInitialFileName(suggestedName);
        File f = fc.showSaveDialog(owner);
        if (f == null) {
            return null;
        }
        Path file = f.getName().contains(".") ? f.toPath() : f.toPath().resolveSibling(f.getName() + ".pdf");
        return new Choice(file, fc.getSelectedExtensionFilter() == letter ? PaperSize.LETTER : PaperSize.A4);
    }

    @Override
    public void run() {
        if (export.runningProperty().get()) {
            return;
        }
        Subjects s = subjects.get();
        if (s == null || s.runIds().isEmpty()) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, "Select one or more runs in the list (Ctrl/Shift-click "
                    + "for several), or open a comparison, then export again.");
            a.setHeaderText("No runs to report");
            a.initOwner(owner);
            a.show();
            return;
        }
        String first = s.runIds().get(0);
        String name = (s.runIds().size() == 1 ? first : "comparison-" + s.runIds().size() + "-runs-"
                + first.substring(Math.max(0, first.length() - 4))) + ".pdf";
        Choice choice = chooser.choose(owner, name);
        if (choice == null) {
            return;
        }
        Stage progress = progressWindow(s, choice);
        export.export(workspace.get(), s.runIds(), choice.file(), choice.paper(), null);
        progress.show();
    }

    /** {@code report.pdf} → {@code report-charts/} beside it. */
    static Path chartsDir(Path pdf) {
        String name = pdf.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return pdf.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-charts");
    }

    private Stage progressWindow(Subjects s, Choice choice) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("Export report");
        Label what = new Label("Report of " + s.what() + " (" + s.runIds().size() + " run"
                + (s.runIds().size() == 1 ? "" : "s") + ")");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(export.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label message = new Label();
        message.textProperty().bind(export.messageProperty());
        message.setWrapText(true);
        Button close = new Button("Close");
        close.setOnAction(e -> stage.close());
        close.disableProperty().bind(export.runningProperty());
        // the same charts as separate files: PNG for slides, SVG (vectors) for papers
        Button charts = new Button("Save the charts as PNG + SVG");
        charts.setOnAction(e -> export.exportCharts(workspace.get(), s.runIds(), chartsDir(choice.file()),
                choice.paper()));
        charts.disableProperty().bind(export.runningProperty());
        HBox buttons = new HBox(8, charts, close);
        buttons.setStyle("-fx-alignment: center-right;");
        VBox box = new VBox(10, what, bar, message, buttons);
        VBox.setVgrow(message, Priority.ALWAYS);
        box.setPadding(new Insets(14));
        box.setPrefWidth(420);
        stage.setScene(new Scene(box));
        return stage;
    }
}
