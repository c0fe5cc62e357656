package dev.joulebench.report.spi;

import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.report.doc.Block;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.report.doc.ReportDocument;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.svg.SVGGraphics2D;

/**
 * A report's charts on their own, as PNG (for slides) and SVG (vectors, for papers): the same Java2D drawings the
 * PDF holds, at the width they have on an A4 page.
 */
public final class ChartFiles {
    /** The width of a chart on an A4 page, in points (what the fonts' sizes were chosen for). */
    public static final double WIDTH = 495;
    // unquoted: JFreeSVG puts the style in a single-quoted attribute
    private static final String FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";

    /** PNG at {@code scale} pixels per point (2 is about 144 dpi). */
    public byte[] png(Figure f, double scale) throws IOException {
        int w = (int) Math.round(WIDTH * scale);
        int h = (int) Math.round(WIDTH * f.aspect() * scale);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            f.drawing().draw(g, new Rectangle2D.Double(0, 0, WIDTH, WIDTH * f.aspect()));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** SVG with text kept as text, in DejaVu Sans where the viewer has it (else a close sans-serif). */
    public String svg(Figure f) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, WIDTH * f.aspect());
        g.setFontFunction(family -> family.startsWith("DejaVu") ? FAMILY : family);
        f.drawing().draw(g, new Rectangle2D.Double(0, 0, WIDTH, WIDTH * f.aspect()));
        return g.getSVGDocument();
    }

    /** Writes every figure of the report as {@code NN-name.png} and {@code NN-name.svg} in {@code dir}, atomically. */
    public List<Path> writeAll(ReportDocument doc, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        int n = 0;
        for (Block b : doc.blocks()) {
            if (b instanceof Figure f) {
                String stem = String.format(Locale.ROOT, "%02d-%s", ++n, f.name().replaceAll("[^A-Za-z0-9._-]", "_"));
                Path png = dir.resolve(stem + ".png");
                byte[] bytes = png(f, 2);
                AtomicFiles.write(png, out -> out.write(bytes));
                Path svg = dir.resolve(stem + ".svg");
                AtomicFiles.write(svg, out -> out.write(svg(f).getBytes(StandardCharsets.UTF_8)));
                written.add(png);
                written.add(svg);
            }
        }
        return written;
    }
}
