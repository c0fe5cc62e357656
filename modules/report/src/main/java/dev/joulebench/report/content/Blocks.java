package dev.joulebench.report.content;

import dev.joulebench.report.doc.Block;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.report.doc.Heading;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.Table;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/** A list of blocks being built, with the shorthands the content builders share. */
final class Blocks {
    private final List<Block> out = new ArrayList<>();

    List<Block> list() {
        return out;
    }

    Blocks add(Block b) {
        out.add(b);
        return this;
    }

    Blocks section(String title) {
        return add(new Heading(1, title));
    }

    Blocks sub(String title) {
        return add(new Heading(2, title));
    }

    Blocks body(String text) {
        return add(Paragraph.body(text));
    }

    Blocks note(String text) {
        return add(Paragraph.note(text));
    }

    Blocks chart(String name, JFreeChart chart, double aspect, String caption) {
        return add(new Figure(name, chart::draw, aspect, caption));
    }

    /** A two-column table of names and values. */
    Blocks keyValues(List<String[]> rows, String caption) {
        List<List<Table.Cell>> cells = new ArrayList<>();
        for (String[] r : rows) {
            cells.add(List.of(Table.Cell.of(r[0]), Table.Cell.of(r[1])));
        }
        return add(new Table(List.of("", ""), cells, new double[] {1, 3.2}, new boolean[] {false, false}, caption));
    }

    /** A table of plain text cells; {@code numeric} marks right-aligned columns. */
    static Table table(List<String> header, List<List<String>> rows, double[] widths, boolean[] numeric,
                       String caption) {
        List<List<Table.Cell>> cells = rows.stream().map(r -> r.stream().map(Table.Cell::of).toList()).toList();
        return new Table(header, cells, widths, numeric, caption);
    }
}
