package dev.joulebench.energy.footprint;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A run's {@code emissions.csv}: CodeCarbon 3.x's columns, in its order, so tools written for
 * CodeCarbon output (its dashboard, pandas notebooks) read Joulebench runs unchanged. One header
 * line and one row per run; fields quoted per RFC 4180 where needed; LF line ends, as CodeCarbon's
 * pandas writer; UTF-8 without BOM.
 */
public final class EmissionsCsv {
    /** File name inside a run directory. */
    public static final String FILE_NAME = "emissions.csv";

    /** CodeCarbon 3.x column names, in order. */
    public static final List<String> HEADER = List.of(
            "timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate",
            "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed",
            "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os",
            "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude",
            "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent",
            "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue");

    private EmissionsCsv() {
    }

    /** Header and row as file text. */
    public static String format(EmissionsRow row) {
        return Csv.line(HEADER) + "\n" + Csv.line(row.cells()) + "\n";
    }

    /**
     * Writes header + row, replacing any earlier file. Written to a temporary file beside it and
     * renamed, so a reader (or a kill mid-write) never sees half a file; a failed write removes its
     * temporary file.
     */
    public static void write(Path file, EmissionsRow row) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTemporary(dir, file.getFileName().toString());
        try {
            Files.writeString(tmp, format(row), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException d) {
                e.addSuppressed(d);
            }
            throw e;
        }
    }

    /**
     * A new empty file in {@code dir} with the mode of any new file (0666 less the umask, normally
     * 0644, as CodeCarbon's file gets): {@link Files#createTempFile} would make it 0600, unreadable
     * to the other users of a shared machine that CodeCarbon's file is readable to.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Reads an emissions.csv (ours or CodeCarbon's) into rows of column → cell text. Columns are
     * taken from the file's own header, so a CodeCarbon file with other columns reads too.
     *
     * @throws IllegalArgumentException when a row's field count differs from the header's
     */
    public static List<Map<String, String>> read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<List<String>> records = Csv.parse(in);
            List<Map<String, String>> rows = new ArrayList<>();
            if (records.isEmpty()) {
                return rows;
            }
            List<String> header = records.get(0);
            for (int i = 1; i < records.size(); i++) {
                List<String> r = records.get(i);
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException(file + " record " + (i + 1) + ": " + r.size()
                            + " fields, header has " + header.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int j = 0; j < header.size(); j++) {
                    row.put(header.get(j), r.get(j));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
