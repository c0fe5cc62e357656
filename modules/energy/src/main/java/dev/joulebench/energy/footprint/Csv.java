package dev.joulebench.energy.footprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal RFC 4180 CSV reading and writing, enough for the footprint tables and emissions.csv.
 * Hand-written because the energy module depends on core only, and the tables must parse the
 * same way in every tool (quoted fields with commas, doubled quotes, LF or CRLF line ends).
 */
public final class Csv {
    private Csv() {
    }

    /**
     * Parses a whole CSV document into records of fields. Handles quoted fields containing
     * commas, doubled quotes and line breaks; accepts LF and CRLF; a UTF-8 BOM is dropped;
     * a final line end does not make an empty record.
     *
     * @throws IllegalArgumentException on an unterminated quoted field or text after a closing quote
     */
    public static List<List<String>> parse(Reader in) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buf = new char[8192];
        for (int r; (r = in.read(buf)) != -1; ) {
            all.append(buf, 0, r);
        }
        String s = all.length() > 0 && all.charAt(0) == '\uFEFF' ? all.substring(1) : all.toString();
        List<List<String>> records = new ArrayList<>();
        int n = s.length();
        if (n == 0) {
            return records;
        }
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < n && s.charAt(i) == '"') {
                int opened = i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("CSV line " + lineOf(s, opened) + ": quoted field not closed");
                    }
                    char ch = s.charAt(i++);
                    if (ch == '"') {
                        if (i < n && s.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(ch);
                    }
                }
                if (i < n && s.charAt(i) != ',' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    throw new IllegalArgumentException("CSV line " + lineOf(s, i) + ": text after a closing quote");
                }
            } else {
                while (i < n) {
                    char ch = s.charAt(i);
                    if (ch == ',' || ch == '\n' || (ch == '\r' && (i + 1 >= n || s.charAt(i + 1) == '\n'))) {
                        break;
                    }
                    field.append(ch);
                    i++;
                }
            }
            record.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                records.add(record);
                return records;
            }
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (s.charAt(i) == '\r') {
                i++;
            }
            if (i < n && s.charAt(i) == '\n') {
                i++;
            }
            records.add(record);
            record = new ArrayList<>();
            if (i >= n) {
                return records;
            }
        }
    }

    private static int lineOf(String s, int index) {
        int line = 1;
        for (int k = 0; k < index && k < s.length(); k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Quotes a field when RFC 4180 requires it (comma, quote, CR or LF inside); null is empty. */
    public static String quote(String field) {
        if (field == null) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char ch = field.charAt(i);
            needs = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** One CSV line (without the line end) from the fields, each quoted as needed. */
    public static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }

    /**
     * A number as plain decimal text (no exponent, trailing zeros dropped): spreadsheets,
     * pandas and Python's float() all read it the same way. Non-finite values become empty.
     */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == 0.0) {
            return "0";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Reads a bundled table from the classpath and checks its header exactly, so a table edited
     * by hand into another column order fails at load time rather than giving wrong figures.
     *
     * @return rows as column name to value, in file order
     * @throws IllegalStateException when the resource is missing, the header differs, or a row
     *                               has the wrong number of fields
     */
    static List<Map<String, String>> readResource(String resource, List<String> header) {
        try (InputStream in = Csv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled table " + resource + " is missing from the classpath");
            }
            List<List<String>> records = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (records.isEmpty() || !records.get(0).equals(header)) {
                throw new IllegalStateException(resource + ": header must be " + String.join(",", header)
                        + " but is " + (records.isEmpty() ? "missing" : String.join(",", records.get(0))));
            }
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 1; i < records.size(); i++) {
                List<String> r = records.get(i);
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                if (r.size() != header.size()) {
                    throw new IllegalStateException(resource + " record " + (i + 1) + ": " + r.size()
                            + " fields, expected " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < header.size(); j++) {
                    row.put(header.get(j), r.get(j));
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled table " + resource, e);
        }
    }

    /** Parses a required finite number from a bundled table; the message names table, row and column. */
    static double requireNumber(String resource, Map<String, String> row, String column) {
        String text = row.get(column);
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new IllegalStateException(resource + ": column " + column + " is not a finite number ('" + text
                + "') in row " + row);
    }

    /** Parses an optional integer year ("" means unknown). */
    static Integer optionalYear(String resource, Map<String, String> row, String column) {
        String text = row.get(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(resource + ": column " + column + " is not a year ('" + text
                    + "') in row " + row, e);
        }
    }
}
