package dev.joulebench.app.report;

import dev.joulebench.report.PaperSize;
import dev.joulebench.report.ReportRequest;
import dev.joulebench.report.ReportResult;
import dev.joulebench.report.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Writes a report off the FX thread (on the io executor) and shows how far it has come: progress and message are
 * set on the FX thread only. One export at a time.
 */
public final class ReportExport {
    private final Executor io;
    private final Executor fx;
    private final Function<Path, ReportWriter> writers;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    /** @param writers the report writer of a workspace (the PDF writer in the app, a fake in tests) */
    public ReportExport(Executor io, Executor fx, Function<Path, ReportWriter> writers) {
        this.io = io;
        this.fx = fx;
        this.writers = writers;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Starts writing the report of {@code runIds} to {@code out}; call on the FX thread. The future completes (on the
     * io thread) with the result, or exceptionally with the writer's one-line error.
     */
    public CompletableFuture<ReportResult> export(Path workspace, List<String> runIds, Path out, PaperSize paper,
                                                  String title) {
        if (running.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("A report is being written already"));
        }
        running.set(true);
        progress.set(0);
        message.set("Reading " + runIds.size() + " run" + (runIds.size() == 1 ? "" : "s") + "…");
        ReportRequest request = new ReportRequest(runIds, paper, title);
        CompletableFuture<ReportResult> done = CompletableFuture.supplyAsync(() -> writers.apply(workspace)
                .write(request, out, (what, f) -> fx.execute(() -> {
                    progress.set(f);
                    message.set(what.startsWith("reading") ? "Reading runs…" : "Laying out pages…");
                })), io);
        // the returned stage completes once the FX update is queued, so a caller that then waits for the FX
        // thread sees the final message
        return done.whenComplete((r, e) -> fx.execute(() -> {
            running.set(false);
            progress.set(e == null ? 1 : 0);
            message.set(e == null ? "Written: " + r.file().getFileName() + " (" + r.pages() + " pages)"
                    : "Not written: " + oneLine(e));
        }));
    }

    /**
     * Writes the report's charts as PNG and SVG files into {@code dir}, off the FX thread; call on the FX thread.
     */
    public CompletableFuture<List<Path>> exportCharts(Path workspace, List<String> runIds, Path dir, PaperSize paper) {
        if (running.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("A report is being written already"));
        }
        running.set(true);
        progress.set(-1); // indeterminate: the charts are drawn one after another
        message.set("Drawing the charts…");
        CompletableFuture<List<Path>> done = CompletableFuture.supplyAsync(() -> writers.apply(workspace)
                .writeCharts(new ReportRequest(runIds, paper, null), dir), io);
        // the returned stage completes once the FX update is queued, so a caller that then waits for the FX
        // thread sees the final message
        return done.whenComplete((files, e) -> fx.execute(() -> {
            running.set(false);
            progress.set(e == null ? 1 : 0);
            message.set(e == null ? files.size() / 2 + " charts written as PNG and SVG to " + dir
                    : "Charts not written: " + oneLine(e));
        }));
    }

    /** The cause's message, as the CLI would print it. */
    static String oneLine(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.strip().replaceAll("\\s+", " ");
    }
}
