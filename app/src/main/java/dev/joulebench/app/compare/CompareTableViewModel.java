package dev.joulebench.app.compare;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The summary table of compared runs, and its exports: TSV for the clipboard (pastes into a
 * spreadsheet as cells) and CSV (RFC 4180) for files. Exports carry full-precision numbers in SI-ish
 * units named in the header; the view rounds for reading.
 */
public final class CompareTableViewModel {
    /** A column: header as exported, value as exported (empty for none). */
    public record Column(String header, Function<CompareRow, String> value) {}

    public static final List<Column> COLUMNS = List.of(
            new Column("run", CompareRow::run),
            new Column("method", CompareRow::method),
            new Column("dataset", CompareRow::dataset),
            new Column("test_accuracy", r -> num(r.accuracy())),
            new Column("time_s", r -> num(r.seconds())),
            new Column("energy_kwh", r -> num(r.kwh())),
            new Column("co2e_kg", r -> num(r.co2eKg())),
            new Column("water_l", r -> num(r.waterL())),
            new Column("params", r -> r.params() == null ? "" : String.valueOf(Math.round(r.params()))));

    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    /** One read-only view, made once: a wrapper made per call is only weakly listened to and can be collected. */
    private final ObservableList<CompareRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);

    public ObservableList<CompareRow> rows() {
        return readOnlyRows;
    }

    public void setRows(List<CompareRow> newRows) {
        rows.setAll(newRows);
    }

    public void clear() {
        rows.clear();
    }

    /** Tab-separated with a header line; tabs and line breaks inside values become spaces. */
    public String toTsv() {
        return lines(v -> v.replaceAll("[\\t\\r\\n]+", " "), "\t");
    }

    /** Comma-separated with a header line; values with a comma, quote or line break are quoted. */
    public String toCsv() {
        return lines(CompareTableViewModel::csvField, ",");
    }

    private String lines(Function<String, String> escape, String sep) {
        StringBuilder sb = new StringBuilder();
        sb.append(COLUMNS.stream().map(c -> escape.apply(c.header())).collect(Collectors.joining(sep))).append('\n');
        for (CompareRow r : rows) {
            sb.append(COLUMNS.stream().map(c -> escape.apply(nz(c.value().apply(r)))).collect(Collectors.joining(sep)))
                    .append('\n');
        }
        return sb.toString();
    }

    static String csvField(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String num(Double d) {
        return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%s", d);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
