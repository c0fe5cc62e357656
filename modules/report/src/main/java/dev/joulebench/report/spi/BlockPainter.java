package dev.joulebench.report.spi;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import dev.joulebench.report.chart.Palette;
import dev.joulebench.report.doc.Block;
import dev.joulebench.report.doc.Code;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.report.doc.Heading;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.Table;
import dev.joulebench.report.doc.Tiles;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/** Sets each kind of block at the cursor, breaking pages where a block does not fit. */
final class BlockPainter {
    /** A heading set, for the outline and the table of contents. */
    record Placed(Heading heading, int page, float y) {}

    private static final float PAD = 6;
    private final PageCursor cursor;
    private final FontFiles files;
    private final PdfBoxGraphics2DFontTextDrawer chartText;
    private final Type body;
    private final Type note;
    private final Type h1;
    private final Type h2;
    private final Type mono;
    private final PDFont regular;
    private final PDFont bold;
    private final List<Placed> placed = new ArrayList<>();

    BlockPainter(PageCursor cursor, FontFiles files, PDFont regular, PDFont bold, PDFont monoFont,
                 PdfBoxGraphics2DFontTextDrawer chartText) {
        this.cursor = cursor;
        this.files = files;
        this.regular = regular;
        this.bold = bold;
        this.chartText = chartText;
        body = new Type(regular, 9.5f, 13.2f);
        note = new Type(regular, 7.8f, 10.4f);
        h1 = new Type(bold, 14.5f, 18f);
        h2 = new Type(bold, 11f, 14f);
        mono = new Type(monoFont, 7.2f, 9.0f);
    }

    List<Placed> placed() {
        return placed;
    }

    /** The least height the start of a block needs on a page (a figure whole, two lines of text, a table's head). */
    float minHeight(Block b) {
        if (b instanceof Figure f) {
            return (float) (cursor.width() * f.aspect()) + 24;
        }
        if (b instanceof Tiles) {
            return 56;
        }
        if (b instanceof Heading next) {
            return (next.level() == 1 ? h1 : h2).leading() + 40;
        }
        return b instanceof Table || b instanceof Code ? 48 : 2 * body.leading() + 4;
    }

    /** @param next the height the following block needs with it, so a heading never ends a page alone */
    void heading(Heading h, float next) throws IOException {
        Type t = h.level() == 1 ? h1 : h2;
        String text = files.printable(h.text());
        float before = h.level() == 1 ? 16 : 9;
        cursor.ensure(Math.min(before + t.leading() + 12 + Math.max(next, 30), cursor.pageHeight()));
        if (!cursor.atTop()) {
            cursor.down(before);
        }
        List<String> lines = t.wrap(text, cursor.width());
        placed.add(new Placed(h, cursor.pageIndex(), cursor.y()));
        for (String line : lines) {
            cursor.down(t.leading());
            text(t, Palette.TEXT, cursor.left(), cursor.y() + t.leading() - t.ascent() - 2, line);
        }
        if (h.level() == 1) {
            PDPageContentStream cs = cursor.stream();
            cs.setStrokingColor(Palette.ACCENT);
            cs.setLineWidth(0.8f);
            cs.moveTo(cursor.left(), cursor.y() - 2);
            cs.lineTo(cursor.left() + cursor.width(), cursor.y() - 2);
            cs.stroke();
            cursor.down(8);
        } else {
            cursor.down(3);
        }
    }

    void paragraph(Paragraph p) throws IOException {
        String text = files.printable(p.text());
        switch (p.style()) {
            case BODY -> lines(body, Palette.TEXT, text, 0, 4);
            case NOTE -> lines(note, Palette.MUTED, text, 0, 4);
            case WARNING -> boxed(text, Palette.WARNING, Palette.WARNING_EDGE);
            default -> boxed(text, Palette.QUOTE, Palette.ACCENT);
        }
    }

    /** Wrapped lines; a page break may fall between any two. */
    private void lines(Type t, Color color, String text, float indent, float after) throws IOException {
        for (String line : t.wrap(text, cursor.width() - indent)) {
            cursor.ensure(t.leading());
            cursor.down(t.leading());
            text(t, color, cursor.left() + indent, cursor.y() + t.leading() - t.ascent() - 1.5f, line);
        }
        cursor.down(after);
    }

    /** A tinted box with a coloured bar at its left; kept on one page when it fits on one. */
    private void boxed(String text, Color fill, Color edge) throws IOException {
        float inner = cursor.width() - 2 * PAD - 4;
        List<String> lines = body.wrap(text, inner);
        float h = lines.size() * body.leading() + 2 * PAD;
        cursor.ensure(Math.min(h, cursor.pageHeight()) + 4);
        int i = 0;
        while (i < lines.size()) {
            int fit = Math.max(1, (int) ((cursor.remaining() - 2 * PAD) / body.leading()));
            int n = Math.min(fit, lines.size() - i);
            float boxH = n * body.leading() + 2 * PAD;
            PDPageContentStream cs = cursor.stream();
            float bottom = cursor.y() - boxH;
            cs.setNonStrokingColor(fill);
            cs.addRect(cursor.left(), bottom, cursor.width(), boxH);
            cs.fill();
            cs.setNonStrokingColor(edge);
            cs.addRect(cursor.left(), bottom, 2.5f, boxH);
            cs.fill();
            cursor.down(PAD);
            for (int k = 0; k < n; k++) {
                cursor.down(body.leading());
                text(body, Palette.TEXT, cursor.left() + PAD + 4, cursor.y() + body.leading() - body.ascent() - 1.5f,
                        lines.get(i + k));
            }
            cursor.down(PAD);
            i += n;
            if (i < lines.size()) {
                cursor.newPage();
            }
        }
        cursor.down(8);
    }

    void tiles(Tiles t) throws IOException {
        int perRow = Math.min(4, Math.max(1, t.tiles().size()));
        float gap = 6;
        float w = (cursor.width() - gap * (perRow - 1)) / perRow;
        float h = 50;
        Type label = new Type(regular, 7.2f, 9f);
        Type value = new Type(bold, 12.5f, 15f);
        Type small = new Type(regular, 6.8f, 8.5f);
        for (int i = 0; i < t.tiles().size(); i += perRow) {
            cursor.ensure(h + gap);
            PDPageContentStream cs = cursor.stream();
            float top = cursor.y();
            for (int k = 0; k < perRow && i + k < t.tiles().size(); k++) {
                Tiles.Tile tile = t.tiles().get(i + k);
                float x = cursor.left() + k * (w + gap);
                cs.setNonStrokingColor(Palette.TILE);
                cs.addRect(x, top - h, w, h);
                cs.fill();
                text(label, Palette.MUTED, x + PAD, top - 11, label.clip(files.printable(tile.label()), w - 2 * PAD));
                text(value, Palette.TEXT, x + PAD, top - 28, value.clip(files.printable(tile.value()), w - 2 * PAD));
                List<String> notes = small.wrap(files.printable(tile.note()), w - 2 * PAD);
                for (int n = 0; n < Math.min(2, notes.size()); n++) {
                    text(small, Palette.MUTED, x + PAD, top - 38 - n * small.leading(), notes.get(n));
                }
            }
            cursor.down(h + gap);
        }
        cursor.down(4);
    }

    void table(Table t) throws IOException {
        int cols = t.header().size();
        float size = cols > 9 ? 6.6f : cols > 6 ? 7.2f : 7.8f;
        Type cell = new Type(regular, size, size * 1.3f);
        Type strong = new Type(bold, size, size * 1.3f);
        double sum = 0;
        for (double w : t.widths()) {
            sum += w;
        }
        float[] widths = new float[cols];
        for (int c = 0; c < cols; c++) {
            widths[c] = (float) (t.widths()[c] / sum * cursor.width());
        }
        float pad = 2.6f;
        List<List<String>> headerLines = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            headerLines.add(strong.wrap(files.printable(t.header().get(c)), widths[c] - 2 * pad));
        }
        boolean hasHeader = t.header().stream().anyMatch(h -> !h.isBlank());
        float headerH = hasHeader ? height(headerLines, strong, pad) : 0;
        cursor.ensure(headerH + cell.leading() * 2 + 2 * pad);
        if (hasHeader) {
            row(headerLines, null, widths, strong, pad, headerH, Palette.HEADER, t.numeric());
        } else {
            rule();
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<Table.Cell> cells = t.rows().get(r);
            List<List<String>> lines = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                Type type = cells.get(c).best() ? strong : cell;
                lines.add(type.wrap(files.printable(cells.get(c).text()), widths[c] - 2 * pad));
            }
            float h = height(lines, cell, pad);
            if (cursor.remaining() < h) {
                cursor.newPage();
                if (hasHeader) {
                    row(headerLines, null, widths, strong, pad, headerH, Palette.HEADER, t.numeric());
                } else {
                    rule();
                }
            }
            row(lines, cells, widths, cell, pad, h, r % 2 == 1 ? Palette.STRIPE : null, t.numeric());
            if (r == t.rows().size() - 1) {
                rule();
            }
        }
        cursor.down(4);
        if (t.caption() != null && !t.caption().isBlank()) {
            lines(note, Palette.MUTED, files.printable(t.caption()), 0, 6);
        } else {
            cursor.down(6);
        }
    }

    private void rule() throws IOException {
        PDPageContentStream cs = cursor.stream();
        cs.setStrokingColor(Palette.RULE);
        cs.setLineWidth(0.5f);
        cs.moveTo(cursor.left(), cursor.y());
        cs.lineTo(cursor.left() + cursor.width(), cursor.y());
        cs.stroke();
    }

    private static float height(List<List<String>> lines, Type t, float pad) {
        int most = 1;
        for (List<String> l : lines) {
            most = Math.max(most, l.size());
        }
        return most * t.leading() + 2 * pad;
    }

    private void row(List<List<String>> lines, List<Table.Cell> cells, float[] widths, Type type, float pad, float h,
                     Color fill, boolean[] numeric) throws IOException {
        PDPageContentStream cs = cursor.stream();
        float top = cursor.y();
        if (fill != null) {
            cs.setNonStrokingColor(fill);
            cs.addRect(cursor.left(), top - h, cursor.width(), h);
            cs.fill();
        }
        float x = cursor.left();
        for (int c = 0; c < widths.length; c++) {
            boolean best = cells != null && cells.get(c).best();
            if (best) {
                cs.setNonStrokingColor(Palette.BEST);
                cs.addRect(x, top - h, widths[c], h);
                cs.fill();
            }
            Type t = best ? new Type(bold, type.size(), type.leading()) : type;
            List<String> cellLines = lines.get(c);
            for (int i = 0; i < cellLines.size(); i++) {
                String s = cellLines.get(i);
                float tx = numeric[c] ? x + widths[c] - pad - t.width(s) : x + pad;
                text(t, Palette.TEXT, tx, top - pad - t.ascent() - i * t.leading() - 0.5f, s);
            }
            x += widths[c];
        }
        cursor.down(h);
    }

    void figure(Figure f) throws IOException {
        float w = cursor.width();
        float h = (float) (w * f.aspect());
        Type caption = note;
        List<String> capLines = f.caption() == null || f.caption().isBlank() ? List.of()
                : caption.wrap(files.printable(f.caption()), w);
        float total = h + 4 + capLines.size() * caption.leading();
        cursor.ensure(Math.min(total, cursor.pageHeight()));
        if (h > cursor.remaining()) {
            h = cursor.remaining() - capLines.size() * caption.leading() - 4;
            w = (float) (h / f.aspect());
        }
        PdfBoxGraphics2D g = new PdfBoxGraphics2D(cursor.doc(), w, h);
        g.setFontTextDrawer(chartText);
        try {
            f.drawing().draw(g, new Rectangle2D.Double(0, 0, w, h));
        } finally {
            g.dispose();
        }
        PDFormXObject form = g.getXFormObject();
        PDPageContentStream cs = cursor.stream();
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(cursor.left() + (cursor.width() - w) / 2, cursor.y() - h));
        cs.drawForm(form);
        cs.restoreGraphicsState();
        cursor.down(h + 4);
        for (String line : capLines) {
            cursor.down(caption.leading());
            text(caption, Palette.MUTED, cursor.left(), cursor.y() + caption.leading() - caption.ascent() - 1.5f, line);
        }
        cursor.down(10);
    }

    void code(Code c) throws IOException {
        List<String> lines = mono.wrapCode(files.printable(c.text()), cursor.width() - 2 * PAD);
        int i = 0;
        cursor.ensure(Math.min(lines.size(), 6) * mono.leading() + 2 * PAD);
        while (i < lines.size()) {
            int fit = Math.max(1, (int) ((cursor.remaining() - 2 * PAD) / mono.leading()));
            int n = Math.min(fit, lines.size() - i);
            float boxH = n * mono.leading() + 2 * PAD;
            PDPageContentStream cs = cursor.stream();
            cs.setNonStrokingColor(Palette.CODE);
            cs.addRect(cursor.left(), cursor.y() - boxH, cursor.width(), boxH);
            cs.fill();
            cursor.down(PAD);
            for (int k = 0; k < n; k++) {
                cursor.down(mono.leading());
                text(mono, Palette.TEXT, cursor.left() + PAD, cursor.y() + mono.leading() - mono.ascent() - 1.2f,
                        lines.get(i + k));
            }
            cursor.down(PAD);
            i += n;
            if (i < lines.size()) {
                cursor.newPage();
            }
        }
        cursor.down(8);
    }

    /** One line of text with its baseline at {@code y}. */
    void text(Type t, Color color, float x, float y, String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        PDPageContentStream cs = cursor.stream();
        cs.beginText();
        cs.setNonStrokingColor(color);
        cs.setFont(t.font(), t.size());
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }
}
