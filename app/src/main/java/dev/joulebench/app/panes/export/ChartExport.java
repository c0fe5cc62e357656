package dev.joulebench.app.panes.export;

import dev.joulebench.core.store.FileErrors;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Export as PNG / SVG and Copy as image for every chart pane. The FX thread only draws: it takes the node's
 * snapshot (PNG, clipboard) or copies what the chart shows ({@link ChartSnapshot}, SVG); encoding, SVG drawing
 * and the atomic write run on the io executor. What happened is one line in {@link #messageProperty()}, a failure
 * as {@link FileErrors}' sentence, never a stack trace. The chooser starts in the last folder saved to.
 */
public final class ChartExport {
    /** A chart pane to export: its file-name part ("power"), the node whose pixels a PNG holds, what it shows. */
    public record Target(String name, Node node, Supplier<ChartSnapshot> snapshot) {}

    public enum Format {
        PNG("png", "PNG image"), SVG("svg", "SVG vector drawing");

        final String extension;
        final String description;

        Format(String extension, String description) {
            this.extension = extension;
            this.description = description;
        }
    }

    /** Where to save; a dialog in the app, a fixed answer in tests. */
    @FunctionalInterface
    public interface Chooser {
        /** @return the file, or null when the user cancels */
        Path choose(Window owner, Format format, Path folder, String suggestedName);
    }

    private final Executor io;
    private final Supplier<String> run;
    private final ObjectProperty<Path> folder = new SimpleObjectProperty<>(this, "folder");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private Chooser chooser = ChartExport::fileDialog;
    private Consumer<Image> clipboard = ChartExport::toSystemClipboard;

    /** @param run the shown run's id (or what the panes show instead) for the default file names. */
    public ChartExport(Executor io, Supplier<String> run) {
        this.io = io;
        this.run = run;
    }

    /** The folder the chooser opens in: the last one saved to (the app keeps it in its settings). */
    public ObjectProperty<Path> folderProperty() {
        return folder;
    }

    /** "Saved power.png (640×420 px) in /home/me", "Not saved: cannot write …: permission denied". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether the last export failed (the message then says why). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public void setChooser(Chooser chooser) {
        this.chooser = chooser;
    }

    /** Where Copy as image puts the picture (the system clipboard unless a test says otherwise). */
    public void setClipboard(Consumer<Image> clipboard) {
        this.clipboard = clipboard;
    }

    /** Asks where, then saves. FX thread. */
    public void export(Target target, Format format) {
        Window owner = target.node().getScene() == null ? null : target.node().getScene().getWindow();
        Path file = chooser.choose(owner, format, folder.get(), suggestedName(target, format));
        if (file != null) {
            if (format == Format.PNG) {
                writePng(target, file);
            } else {
                writeSvg(target, file);
            }
        }
    }

    /** "&lt;run id&gt;-&lt;pane&gt;.png". */
    public String suggestedName(Target target, Format format) {
        return ExportFiles.fileName(run.get(), target.name(), format.extension);
    }

    /** The node's pixels as shown, written as PNG off the FX thread. FX thread; completes with the file or fails. */
    public CompletableFuture<Path> writePng(Target target, Path file) {
        WritableImage image = target.node().snapshot(new SnapshotParameters(), null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        String size = w + "×" + h + " px";
        return write(file, size, () -> ExportFiles.png(w, h, argb));
    }

    /** What the chart shows, drawn as SVG vectors off the FX thread. FX thread. */
    public CompletableFuture<Path> writeSvg(Target target, Path file) {
        ChartSnapshot snapshot = target.snapshot().get();
        double aspect = target.node().getLayoutBounds().getWidth() > 0
                ? target.node().getLayoutBounds().getHeight() / target.node().getLayoutBounds().getWidth() : 0.62;
        return write(file, "vectors", () -> ChartSvg.render(snapshot, aspect)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The node's pixels on the clipboard. FX thread. */
    public void copy(Target target) {
        WritableImage image = target.node().snapshot(new SnapshotParameters(), null);
        clipboard.accept(image);
        show(String.format(Locale.ROOT, "Copied the %s chart (%d×%d px) to the clipboard", target.name(),
                (int) image.getWidth(), (int) image.getHeight()), false);
    }

    private interface Bytes {
        byte[] get() throws Exception;
    }

    private CompletableFuture<Path> write(Path file, String what, Bytes bytes) {
        show("Saving " + file.getFileName() + "…", false);
        CompletableFuture<Path> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                ExportFiles.write(file, bytes.get());
                javafx.application.Platform.runLater(() -> {
                    Path dir = file.toAbsolutePath().getParent();
                    if (dir != null && Files.isDirectory(dir)) {
                        folder.set(dir);
                    }
                    show("Saved " + file.getFileName() + " (" + what + ") in " + dir, false);
                    done.complete(file);
                });
            } catch (Exception | Error e) { // NOPMD: whatever stopped the writer is the message, never a trace
                String why = FileErrors.describe(e);
                javafx.application.Platform.runLater(() -> {
                    show("Not saved: " + why, true);
                    done.completeExceptionally(e);
                });
            }
        });
        return done;
    }

    private void show(String text, boolean failure) {
        message.set(text);
        failed.set(failure);
    }

    private static void toSystemClipboard(Image image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(image);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The save dialog for one format; the extension is added when the name has none. */
    static Path fileDialog(Window owner, Format format, Path folder, String suggestedName) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export chart as " + format.name());
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.description, "*." + format.extension));
        if (folder != null && Files.isDirectory(folder)) {
            fc.setInitialDirectory(folder.toFile());
        }
        fc.setInitialFileName(suggestedName);
        File f = fc.showSaveDialog(owner);
        if (f == null) {
            return null;
        }
        return f.getName().contains(".") ? f.toPath() : f.toPath().resolveSibling(f.getName() + "." + format.extension);
    }
}
