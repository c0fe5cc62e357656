package dev.joulebench.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code power.csv} read back, as {@link PowerCsv} writes it, and replayed through an
 * {@link EnergyLedger}: a recorded run's cumulative energy is then the same figure, by the same
 * rules (counter first, failed reads as gaps), as the live run's ledger gave, not a second
 * integrator's. The replay differs from the live ledger only by the file's rounding (1 ms, 1 mW,
 * 1 mJ). A half-written last row (a killed run) and malformed rows are skipped.
 *
 * <p>What the file cannot say: whether a counter source's watts were independent of its counter,
 * so a replay reports no counter-vs-integral gap; and which sensor it was, so a source's kind is
 * taken from its id ({@code gpuN} GPU, {@code ram} RAM, anything else CPU).
 *
 * @param sources the columns' sources, in file order
 * @param rows    the readings in file order
 */
public record PowerLog(List<Source> sources, List<Row> rows) {
    public PowerLog {
        sources = List.copyOf(sources);
        rows = List.copyOf(rows);
    }

    /**
     * One source's columns.
     *
     * @param method       {@link Method#MEASURED_COUNTER} when it has a {@code _joules_measured} column,
     *                     else by its {@code _watts_<measured|estimated>} tag
     * @param wattsColumn  index of its watts column
     * @param joulesColumn index of its joules column, -1 without one
     */
    public record Source(String id, SourceKind kind, Method method, int wattsColumn, int joulesColumn) {}

    /**
     * One row.
     *
     * @param watts  per source (in {@link #sources()} order), NaN where the cell is empty
     * @param joules per source, NaN where the cell is empty or the source has no counter
     */
    public record Row(double t, double[] watts, double[] joules) {
        /** Whether source {@code i}'s read failed in this row (every cell of it empty). */
        public boolean failed(int i) {
            return Double.isNaN(watts[i]) && Double.isNaN(joules[i]);
        }
    }

    /** The ledger's running total after one row: joules per source and in all. */
    public record Point(double t, Map<String, Double> joulesBySource, Map<String, Method> methods,
                        double totalJoules) {}

    /** An empty log for a missing file (a run killed before its first sample). */
    public static PowerLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new PowerLog(List.of(), List.of());
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return new PowerLog(List.of(), List.of());
            }
            String[] cols = header.split(",", -1);
            List<Source> sources = sources(cols);
            List<Row> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                Row row = row(line.split(",", -1), cols.length, sources);
                if (row != null) {
                    rows.add(row);
                }
            }
            return new PowerLog(sources, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Source> sources(String[] cols) {
        Map<String, Integer> joules = new LinkedHashMap<>();
        for (int i = 1; i < cols.length; i++) {
            if (cols[i].endsWith("_joules_measured")) {
                joules.put(cols[i].substring(0, cols[i].length() - "_joules_measured".length()), i);
            }
        }
        List<Source> out = new ArrayList<>();
        for (int i = 1; i < cols.length; i++) {
            int at = cols[i].lastIndexOf("_watts_");
            if (at <= 0) {
                continue;
            }
            String id = cols[i].substring(0, at);
            String tag = cols[i].substring(at + "_watts_".length());
            int j = joules.getOrDefault(id, -1);
            Method m = j >= 0 ? Method.MEASURED_COUNTER
                    : Method.ESTIMATED.label().equals(tag) ? Method.ESTIMATED : Method.MEASURED_POWER;
            out.add(new Source(id, kindOf(id), m, i, j));
        }
        return out;
    }

    static SourceKind kindOf(String id) {
        if (id.startsWith("gpu")) {
            return SourceKind.GPU;
        }
        return id.equals("ram") ? SourceKind.RAM : SourceKind.CPU;
    }

    private static Row row(String[] cells, int columns, List<Source> sources) {
        if (cells.length != columns || cells[0].isEmpty()) {
            return null; // a half-written last row
        }
        try {
            double t = Double.parseDouble(cells[0]);
            double[] w = new double[sources.size()];
            double[] j = new double[sources.size()];
            for (int i = 0; i < w.length; i++) {
                Source s = sources.get(i);
                w[i] = cell(cells[s.wattsColumn()]);
                j[i] = s.joulesColumn() < 0 ? Double.NaN : cell(cells[s.joulesColumn()]);
            }
            return Double.isFinite(t) ? new Row(t, w, j) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double cell(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    /** A ledger fed with every row, as the sampler fed the live one; read its {@link EnergyLedger#totals()}. */
    public EnergyLedger replay() {
        EnergyLedger ledger = new EnergyLedger();
        replay(ledger, null);
        return ledger;
    }

    /** The ledger's cumulative figures after each row, for a cumulative-energy curve. */
    public List<Point> cumulative() {
        List<Point> out = new ArrayList<>(rows.size());
        replay(new EnergyLedger(), out);
        return out;
    }

    private void replay(EnergyLedger ledger, List<Point> points) {
        for (Source s : sources) {
            ledger.register(s.id(), s.kind(), s.method(), "replayed from power.csv (" + s.method().label() + ")");
        }
        for (Row row : rows) {
            for (int i = 0; i < sources.size(); i++) {
                String id = sources.get(i).id();
                if (row.failed(i)) {
                    ledger.gap(id, row.t());
                } else {
                    ledger.add(id, row.t(), new PowerReading(row.watts()[i], row.joules()[i], Map.of()));
                }
            }
            if (points != null) {
                EnergyLedger.Snapshot s = ledger.cumulative();
                points.add(new Point(row.t(), s.joulesBySource(), s.methods(), s.totalJoules()));
            }
        }
    }
}
