package dev.joulebench.report.spi;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import dev.joulebench.report.PaperSize;
import dev.joulebench.report.ReportProgress;
import dev.joulebench.report.chart.Palette;
import dev.joulebench.report.doc.Block;
import dev.joulebench.report.doc.Code;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.report.doc.Heading;
import dev.joulebench.report.doc.PageBreak;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.report.doc.Table;
import dev.joulebench.report.doc.Tiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * Lays a {@link ReportDocument} out on pages and writes it as PDF/A-2b: the title, a table of contents where
 * asked for, the blocks, then footers with "page i of n", bookmarks for the sections, and the archival metadata.
 */
public final class PdfRenderer {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final FontFiles files;
    private final String creator;

    /** @param creator what made the file, for the PDF's metadata and the title block (e.g. "Joulebench 0.1.0") */
    public PdfRenderer(FontFiles files, String creator) {
        this.files = files;
        this.creator = creator;
    }

    /** Writes the report; returns its page count. */
    public int render(ReportDocument report, PaperSize paper, Instant now, OutputStream out, ReportProgress progress)
            throws IOException {
        try (PDDocument doc = new PDDocument();
             PdfBoxGraphics2DFontTextDrawer chartText = new PdfBoxGraphics2DFontTextDrawer()) {
            PDFont regular = PDType0Font.load(doc, new ByteArrayInputStream(files.regular()), true);
            PDFont bold = PDType0Font.load(doc, new ByteArrayInputStream(files.bold()), true);
            PDFont mono = PDType0Font.load(doc, new ByteArrayInputStream(files.mono()), true);
            // chart text is set in the same embedded fonts as the body (searchable, one subset each)
            chartText.registerFont(files.awtRegular().getFontName(), regular);
            chartText.registerFont(files.awtBold().getFontName(), bold);
            int pages;
            try (PageCursor cursor = new PageCursor(doc, paper)) {
                BlockPainter painter = new BlockPainter(cursor, files, regular, bold, mono, chartText);
                title(cursor, painter, report, bold, regular, now);
                Contents contents = report.contents() ? reserveContents(cursor, report) : null;
                List<Block> blocks = report.blocks();
                for (int i = 0; i < blocks.size(); i++) {
                    if (blocks.get(i) instanceof Heading h) {
                        // a heading stays with the start of what follows it
                        painter.heading(h, i + 1 < blocks.size() ? painter.minHeight(blocks.get(i + 1)) : 0);
                    } else {
                        paint(painter, cursor, blocks.get(i));
                    }
                    progress.update("layout", (i + 1.0) / blocks.size());
                }
                pages = cursor.pages().size();
                cursor.close();
                if (contents != null) {
                    contents.write(doc, cursor, painter.placed(), new Type(regular, 9.5f, 14f),
                            new Type(bold, 9.5f, 14f));
                }
                footers(doc, cursor.pages(), report.title(), regular, paper);
                outline(doc, cursor.pages(), painter.placed());
            }
            PdfA.apply(doc, files.printable(report.title()), files.printable(report.subject()), creator, now);
            doc.save(out);
            return pages;
        }
    }

    private void paint(BlockPainter painter, PageCursor cursor, Block block) throws IOException {
        // sealed, so every kind is here (pattern switch needs Java 21; the build targets 17)
        if (block instanceof Heading h) {
            painter.heading(h, 0);
        } else if (block instanceof Paragraph p) {
            painter.paragraph(p);
        } else if (block instanceof Tiles t) {
            painter.tiles(t);
        } else if (block instanceof Table t) {
            painter.table(t);
        } else if (block instanceof Figure f) {
            painter.figure(f);
        } else if (block instanceof Code c) {
            painter.code(c);
        } else if (block instanceof PageBreak && !cursor.atTop()) {
            cursor.newPage();
        }
    }

    private void title(PageCursor cursor, BlockPainter painter, ReportDocument report, PDFont bold, PDFont regular,
                       Instant now) throws IOException {
        cursor.newPage();
        Type big = new Type(bold, 19f, 23f);
        Type sub = new Type(regular, 10f, 13.5f);
        Type small = new Type(regular, 7.8f, 10.4f);
        for (String line : big.wrap(files.printable(report.title()), cursor.width())) {
            cursor.down(big.leading());
            painter.text(big, Palette.TEXT, cursor.left(), cursor.y() + 5, line);
        }
        cursor.down(3);
        for (String line : sub.wrap(files.printable(report.subtitle()), cursor.width())) {
            cursor.down(sub.leading());
            painter.text(sub, Palette.MUTED, cursor.left(), cursor.y() + 3, line);
        }
        cursor.down(2);
        for (String line : small.wrap("Generated " + STAMP.format(now) + " by " + creator + " from the run files "
                + "(the charts are vectors drawn from metrics.jsonl, power.csv and spectra/).", cursor.width())) {
            cursor.down(small.leading());
            painter.text(small, Palette.MUTED, cursor.left(), cursor.y() + 2, line);
        }
        PDPageContentStream cs = cursor.stream();
        cs.setStrokingColor(Palette.ACCENT);
        cs.setLineWidth(1.6f);
        cs.moveTo(cursor.left(), cursor.y() - 5);
        cs.lineTo(cursor.left() + cursor.width(), cursor.y() - 5);
        cs.stroke();
        cursor.down(16);
    }

    /** Blank room for the table of contents, sized by the number of headings; filled in after layout. */
    private Contents reserveContents(PageCursor cursor, ReportDocument report) throws IOException {
        long left = report.blocks().stream().filter(b -> b instanceof Heading).count();
        float leading = 14f;
        List<Contents.Room> rooms = new ArrayList<>();
        float heading = 26;
        while (true) {
            int fit = (int) ((cursor.remaining() - heading) / leading);
            int used = (int) Math.min(fit, left);
            rooms.add(new Contents.Room(cursor.pageIndex(), cursor.y(), used));
            left -= used;
            if (left <= 0) {
                // the report goes on under a short table of contents
                cursor.down(heading + used * leading + 10);
                break;
            }
            cursor.newPage();
            heading = 0;
        }
        return new Contents(rooms);
    }

    /** The reserved room and how it is filled. */
    private record Contents(List<Room> rooms) {
        record Room(int page, float top, int lines) {}

        void write(PDDocument doc, PageCursor cursor, List<BlockPainter.Placed> placed, Type entry, Type bold)
                throws IOException {
            int next = 0;
            for (int r = 0; r < rooms.size(); r++) {
                Room room = rooms.get(r);
                PDPage page = cursor.pages().get(room.page());
                try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND,
                        true, true)) {
                    float y = room.top();
                    float left = cursor.left();
                    float right = cursor.left() + cursor.width();
                    if (r == 0) {
                        Type h = new Type(bold.font(), 13f, 16f);
                        draw(cs, h, left, y - 13, "Contents");
                        y -= 26;
                    }
                    for (int i = 0; i < room.lines() && next < placed.size(); i++, next++) {
                        BlockPainter.Placed p = placed.get(next);
                        Type t = p.heading().level() == 1 ? bold : entry;
                        float indent = p.heading().level() == 1 ? 0 : 14;
                        String number = Integer.toString(p.page() + 1);
                        float nw = t.width(number);
                        String text = t.clip(p.heading().text(), cursor.width() - indent - nw - 30);
                        float baseline = y - 10;
                        draw(cs, t, left + indent, baseline, text);
                        draw(cs, t, right - nw, baseline, number);
                        // dotted leader between the title and its page number
                        float from = left + indent + t.width(text) + 4;
                        float to = right - nw - 4;
                        cs.setNonStrokingColor(Palette.RULE);
                        for (float x = from; x < to; x += 3.5f) {
                            cs.addRect(x, baseline, 0.7f, 0.7f);
                        }
                        cs.fill();
                        y -= entry.leading();
                    }
                }
            }
        }

        private static void draw(PDPageContentStream cs, Type t, float x, float y, String s) throws IOException {
            cs.beginText();
            cs.setNonStrokingColor(Palette.TEXT);
            cs.setFont(t.font(), t.size());
            cs.newLineAtOffset(x, y);
            cs.showText(s);
            cs.endText();
        }
    }

    private void footers(PDDocument doc, List<PDPage> pages, String title, PDFont regular, PaperSize paper)
            throws IOException {
        Type t = new Type(regular, 7.2f, 9f);
        String name = files.printable(title);
        for (int i = 0; i < pages.size(); i++) {
            try (PDPageContentStream cs = new PDPageContentStream(doc, pages.get(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float y = PageCursor.MARGIN_BOTTOM - 26;
                float left = PageCursor.MARGIN_X;
                float right = paper.width() - PageCursor.MARGIN_X;
                cs.setStrokingColor(Palette.RULE);
                cs.setLineWidth(0.5f);
                cs.moveTo(left, y + 10);
                cs.lineTo(right, y + 10);
                cs.stroke();
                String page = "page " + (i + 1) + " of " + pages.size();
                float pw = t.width(page);
                for (String[] part : new String[][] {{name, "l"}, {page, "r"}}) {
                    String s = part[1].equals("l") ? t.clip(part[0], right - left - pw - 20) : part[0];
                    cs.beginText();
                    cs.setNonStrokingColor(Palette.MUTED);
                    cs.setFont(regular, t.size());
                    cs.newLineAtOffset(part[1].equals("l") ? left : right - pw, y);
                    cs.showText(s);
                    cs.endText();
                }
            }
        }
    }

    private void outline(PDDocument doc, List<PDPage> pages, List<BlockPainter.Placed> placed) {
        PDDocumentOutline outline = new PDDocumentOutline();
        PDOutlineItem section = null;
        for (BlockPainter.Placed p : placed) {
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(files.printable(p.heading().text()));
            PDPageXYZDestination dest = new PDPageXYZDestination();
            dest.setPage(pages.get(p.page()));
            dest.setTop((int) p.y() + 4);
            dest.setLeft(0);
            item.setDestination(dest);
            if (p.heading().level() == 1 || section == null) {
                outline.addLast(item);
                section = item;
            } else {
                section.addLast(item);
            }
        }
        doc.getDocumentCatalog().setDocumentOutline(outline);
    }
}
