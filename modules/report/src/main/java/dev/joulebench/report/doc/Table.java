package dev.joulebench.report.doc;

import java.util.List;

/**
 * A table; long ones continue on the next page with the header repeated.
 *
 * @param widths relative column widths (one per header cell)
 * @param numeric per column: right-aligned
 */
public record Table(List<String> header, List<List<Cell>> rows, double[] widths, boolean[] numeric, String caption)
        implements Block {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        if (widths.length != header.size() || numeric.length != header.size()) {
            throw new IllegalArgumentException("one width and one alignment per column");
        }
        for (List<Cell> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells for "
                        + header.size() + " columns");
            }
        }
    }

    /**
     * One cell.
     *
     * @param best marked as the best value of its column (bold, with a marker)
     */
    public record Cell(String text, boolean best) {
        public static Cell of(String text) {
            return new Cell(text, false);
        }
    }
}
