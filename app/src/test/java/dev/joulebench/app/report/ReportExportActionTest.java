package dev.joulebench.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.AppExecutors;
import dev.joulebench.app.support.TestRuns;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.report.PaperSize;
import dev.joulebench.report.spi.PdfReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ Export report… headless: a real recorded run, the real writer, the progress window. */
@ExtendWith(ApplicationExtension.class)
class ReportExportActionTest {
    @TempDir
    static Path workspace;
    static RunRecord run;
    private final AppExecutors executors = new AppExecutors();
    private Stage stage;

    @BeforeAll
    static void record() throws Exception {
        run = TestRuns.recorded(workspace, TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-16-10")
                .epochs(1).batchSize(64).limitTrain(1000).seed(3L).device("cpu").spectraEvery(0).build());
    }

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(new Label("owner")), 300, 200));
        s.show();
    }

    @AfterEach
    void close() {
        executors.close();
    }

    @Test
    void theSelectedRunIsWrittenOnLetterWithTheProgressWindowSayingSo(FxRobot robot) throws Exception {
        Path out = workspace.resolve("picked.pdf");
        ReportExport export = new ReportExport(executors.io(), Platform::runLater, PdfReportWriter::new);
        ReportExportAction action = new ReportExportAction(stage, export, () -> workspace,
                () -> new ReportExportAction.Subjects(List.of(run.id()), "the selected runs"),
                (owner, name) -> {
                    assertThat(name).isEqualTo(run.id() + ".pdf");
                    return new ReportExportAction.Choice(out, PaperSize.LETTER);
                });
        robot.interact(action);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.exists(out) && !export.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(export.messageProperty().get()).isEqualTo("Written: picked.pdf (" + pages(out) + " pages)");
        assertThat(export.progressProperty().get()).isEqualTo(1.0);
        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            assertThat(doc.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
        }
        List<Window> windows = robot.listTargetWindows();
        assertThat(windows).anyMatch(w -> w instanceof Stage st && "Export report".equals(st.getTitle()));
        assertThat(robot.lookup(".label").queryAllAs(Label.class)).anyMatch(l -> l.getText().startsWith("Written: "));

        // the same charts as files beside the PDF
        robot.clickOn("Save the charts as PNG + SVG");
        Path charts = workspace.resolve("picked-charts");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !export.runningProperty().get()
                && export.messageProperty().get().contains("charts written"));
        try (var files = Files.list(charts)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("01-loss.png", "01-loss.svg");
        }
    }

    @Test
    void withNothingSelectedItSaysWhatToDo(FxRobot robot) {
        ReportExport export = new ReportExport(executors.io(), Platform::runLater, PdfReportWriter::new);
        ReportExportAction action = new ReportExportAction(stage, export, () -> workspace,
                () -> new ReportExportAction.Subjects(List.of(), "the comparison"), (owner, name) -> {
                    throw new AssertionError("no file is asked for");
                });
        robot.interact(action);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".label").queryAllAs(Label.class))
                .anyMatch(l -> l.getText() != null && l.getText().startsWith("Select one or more runs"));
        assertThat(export.runningProperty().get()).isFalse();
    }

    private static int pages(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return doc.getNumberOfPages();
        }
    }
}
