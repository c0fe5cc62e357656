package dev.joulebench.app.panes.export;

import dev.joulebench.core.store.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The file side of a chart export, off the FX thread and without JavaFX: pixels to PNG bytes through Java2D's
 * ImageIO (no javafx-swing bridge needed), and atomic writes that leave nothing behind when they fail.
 */
public final class ExportFiles {
    private ExportFiles() {}

    /** PNG of {@code width × height} pixels given row by row as 0xAARRGGBB. */
    public static byte[] png(int width, int height, int[] argb) throws IOException {
        if (argb.length < (long) width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for " + width + "×" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("this Java has no PNG writer");
        }
        return out.toByteArray();
    }

    /**
     * Writes {@code bytes} to {@code file} atomically (a temp file renamed over it): on failure the target is
     * as it was, no temp file is left, and the exception's message says what, where and why.
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** "20260101-000000-train-bp-1a2b-power.svg": the run and the pane, in characters every file system takes. */
    public static String fileName(String run, String pane, String extension) {
        String stem = (run == null || run.isBlank() ? "joulebench" : run.strip()) + "-" + pane;
        return stem.replaceAll("[^A-Za-z0-9._+-]+", "_") + "." + extension;
    }
}
