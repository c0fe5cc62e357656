package dev.joulebench.report.spi;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The bundled DejaVu fonts (assets/fonts, in the jar under /fonts/): the built-in PDF fonts cannot print CO₂, λ or χ,
 * and PDF/A wants every font embedded. Read once per writer; each document embeds the subset it uses.
 */
public final class FontFiles {
    public static final String REGULAR = "/fonts/DejaVuSans.ttf";
    public static final String BOLD = "/fonts/DejaVuSans-Bold.ttf";
    public static final String MONO = "/fonts/DejaVuSansMono.ttf";

    private final byte[] regular;
    private final byte[] bold;
    private final byte[] mono;
    private final Font awtRegular;
    private final Font awtBold;
    private final TrueTypeFont coverage;
    private final org.apache.fontbox.ttf.CmapLookup cmap;

    public FontFiles() {
        regular = bytes(REGULAR);
        bold = bytes(BOLD);
        mono = bytes(MONO);
        try {
            awtRegular = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(regular));
            awtBold = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bold));
            coverage = new TTFParser().parse(new RandomAccessReadBuffer(regular));
            cmap = coverage.getUnicodeCmapLookup();
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("The bundled font is damaged: " + e.getMessage(), e);
        }
    }

    byte[] regular() {
        return regular;
    }

    byte[] bold() {
        return bold;
    }

    byte[] mono() {
        return mono;
    }

    /** The regular face for Java2D (charts), at 1 pt: derive the size wanted. */
    public Font awtRegular() {
        return awtRegular;
    }

    public Font awtBold() {
        return awtBold;
    }

    /**
     * Text the fonts can print: control characters go, tabs become spaces, and a character DejaVu has no glyph for
     * (a user's title in a script it lacks) becomes '?', since PDFBox refuses to write a missing glyph.
     */
    public String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t') {
                sb.append("    ");
            } else if (cp == '\n') {
                sb.append('\n');
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                // dropped: no width, no glyph
            } else if (has(cp)) {
                sb.appendCodePoint(cp);
            } else {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private boolean has(int codePoint) {
        return cmap.getGlyphId(codePoint) != 0;
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = FontFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The bundled font " + resource + " is missing from the classpath "
                        + "(assets/fonts is packed into the report module's jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled font " + resource, e);
        }
    }
}
