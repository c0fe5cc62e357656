package dev.joulebench.report.spi;

import dev.joulebench.report.PaperSize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Where the next block goes: the current page, its content stream and the height left on it (PDF y is upwards). */
final class PageCursor implements AutoCloseable {
    static final float MARGIN_X = 50;
    static final float MARGIN_TOP = 54;
    static final float MARGIN_BOTTOM = 58;

    private final PDDocument doc;
    private final PaperSize paper;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    private float y;

    PageCursor(PDDocument doc, PaperSize paper) {
        this.doc = doc;
        this.paper = paper;
    }

    PDDocument doc() {
        return doc;
    }

    float left() {
        return MARGIN_X;
    }

    float width() {
        return paper.width() - 2 * MARGIN_X;
    }

    float top() {
        return paper.height() - MARGIN_TOP;
    }

    /** The usable height of a whole page. */
    float pageHeight() {
        return top() - MARGIN_BOTTOM;
    }

    float y() {
        return y;
    }

    float remaining() {
        return y - MARGIN_BOTTOM;
    }

    void down(float h) {
        y -= h;
    }

    List<PDPage> pages() {
        return pages;
    }

    PDPage page() {
        return pages.get(pages.size() - 1);
    }

    int pageIndex() {
        return pages.size() - 1;
    }

    PDPageContentStream stream() throws IOException {
        if (stream == null) {
            newPage();
        }
        return stream;
    }

    void newPage() throws IOException {
        closeStream();
        PDPage page = new PDPage(new PDRectangle(paper.width(), paper.height()));
        doc.addPage(page);
        pages.add(page);
        stream = new PDPageContentStream(doc, page);
        y = top();
    }

    /** A new page unless {@code h} points still fit on this one (and the page is not empty). */
    void ensure(float h) throws IOException {
        if (stream == null || (remaining() < h && y < top())) {
            newPage();
        }
    }

    /** Whether nothing has been set on the current page yet. */
    boolean atTop() {
        return stream != null && y >= top();
    }

    private void closeStream() throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
    }
}
