package dev.joulebench.energy.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Joulebench's CPU TDP table ({@code assets/energy/cpu-tdp.csv}, shipped in the jar as
 * {@code /energy/cpu-tdp.csv}; see {@code cpu-tdp.md} next to it for sources and licences).
 *
 * <p>Columns: {@code model_pattern,tdp_watts,source,year}. Matching rule, documented in
 * {@code cpu-tdp.md} too:
 * <ol>
 *   <li>the CPU's model name and every pattern are {@linkplain #normalise normalised} the same way;</li>
 *   <li>a pattern equal to the normalised name wins;</li>
 *   <li>otherwise the longest pattern contained in the name <em>as whole words</em> wins
 *       ("intel core i9-13900k" matches "13th gen intel core i9-13900k", but "amd epyc 7302"
 *       does not match "amd epyc 7302p"); ties go to the earlier row;</li>
 *   <li>otherwise there is no match and the caller uses the per-thread default.</li>
 * </ol>
 * Unlike CodeCarbon's fuzzy matching this never picks a near-miss model with another TDP.
 */
public final class CpuTdpTable {
    /** Where the table lives on the class path. */
    public static final String RESOURCE = "/energy/cpu-tdp.csv";

    /** One row of the table. */
    public record Entry(String pattern, double tdpWatts, String source, Integer year) {
        /** The pattern normalised for matching. */
        public String key() {
            return normalise(pattern);
        }
    }

    /** A table row chosen for a model name; {@code exact} is false for a whole-word containment match. */
    public record Match(Entry entry, boolean exact) {}

    private static final Pattern TRADEMARKS = Pattern.compile("\\((r|tm|c)\\)|[®™©]");
    private static final Pattern CLOCK = Pattern.compile("@\\s*[0-9.]+\\s*[gm]hz");
    private static final Pattern N_CORE = Pattern.compile("\\b[\\w]+-core\\b");
    private static final Pattern WORDS = Pattern.compile("\\b(cpu|processor)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<Entry> entries;
    private final String origin;

    private CpuTdpTable(List<Entry> entries, String origin) {
        this.entries = List.copyOf(entries);
        this.origin = origin;
    }

    /** The table shipped in the jar. */
    public static CpuTdpTable load() {
        try (InputStream in = CpuTdpTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }

    public static CpuTdpTable parse(String csv, String origin) {
        try {
            return parse(new StringReader(csv), origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the CSV: a header line, then rows of four comma-separated fields (no field holds a
     * comma, so no quoting is needed); blank lines are skipped. A malformed row is an error, so a
     * broken table fails the build's tests rather than a user's run.
     */
    public static CpuTdpTable parse(Reader reader, String origin) throws IOException {
        List<Entry> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals("model_pattern,tdp_watts,source,year")) {
                throw new IllegalArgumentException(origin + ": unexpected header " + header);
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 4 || f[0].isBlank() || f[2].isBlank()) {
                    throw new IllegalArgumentException(origin + ":" + n + ": expected 4 fields: " + line);
                }
                double w;
                try {
                    w = Double.parseDouble(f[1].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(origin + ":" + n + ": bad tdp_watts " + f[1], e);
                }
                if (!(w > 0)) {
                    throw new IllegalArgumentException(origin + ":" + n + ": tdp_watts must be positive: " + f[1]);
                }
                Integer year = f[3].isBlank() ? null : Integer.valueOf(f[3].strip());
                rows.add(new Entry(f[0].strip(), w, f[2].strip(), year));
            }
        }
        return new CpuTdpTable(rows, origin);
    }

    /**
     * Lower case; drops (R), (TM), (C) and their symbols, the clock ("@ 2.30GHz"), "N-Core" /
     * "Eight-Core" and the words "CPU" and "Processor"; collapses spaces. So
     * "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz" becomes "intel xeon gold 6248" and
     * "AMD EPYC 7763 64-Core Processor" becomes "amd epyc 7763".
     */
    public static String normalise(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        s = TRADEMARKS.matcher(s).replaceAll("");
        s = CLOCK.matcher(s).replaceAll(" ");
        s = N_CORE.matcher(s).replaceAll(" ");
        s = WORDS.matcher(s).replaceAll(" ");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** The row for a model name by the rule in the class comment, or empty. */
    public Optional<Match> lookup(String modelName) {
        if (modelName == null || modelName.isBlank()) {
            return Optional.empty();
        }
        String name = normalise(modelName);
        for (Entry e : entries) {
            if (e.key().equals(name)) {
                return Optional.of(new Match(e, true));
            }
        }
        String padded = " " + name + " ";
        Entry best = null;
        for (Entry e : entries) {
            String key = e.key();
            if (!key.isEmpty() && padded.contains(" " + key + " ")
                    && (best == null || key.length() > best.key().length())) {
                best = e;
            }
        }
        return Optional.ofNullable(best).map(e -> new Match(e, false));
    }

    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Where the table was read from (the class-path resource for the shipped one). */
    public String origin() {
        return origin;
    }
}
