package dev.joulebench.energy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code power.csv}: {@code t} in seconds, then per source {@code <id>_watts_<measured|estimated>}
 * and, for sources with an energy counter, {@code <id>_joules_measured} (cumulative since the run
 * started). A failed read leaves its cell empty. Each row is flushed, so a killed run keeps its rows.
 */
final class PowerCsv implements AutoCloseable {
    private final BufferedWriter out;
    private final List<PowerSensor> sensors;
    private final boolean[] counters;

    PowerCsv(Path file, List<PowerSensor> sensors) {
        this.sensors = List.copyOf(sensors);
        this.counters = new boolean[sensors.size()];
        StringBuilder header = new StringBuilder("t");
        for (int i = 0; i < sensors.size(); i++) {
            PowerSensor s = sensors.get(i);
            header.append(',').append(s.id()).append("_watts_").append(s.method().label());
            counters[i] = s.method() == Method.MEASURED_COUNTER;
            if (counters[i]) {
                header.append(',').append(s.id()).append("_joules_measured");
            }
        }
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(header.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** One row; {@code readings[i]} null where sensor i failed. */
    void row(double t, PowerReading[] readings) throws IOException {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.3f", t));
        for (int i = 0; i < sensors.size(); i++) {
            PowerReading r = readings[i];
            sb.append(',');
            if (r != null && Double.isFinite(r.watts())) {
                sb.append(String.format(Locale.ROOT, "%.3f", r.watts()));
            }
            if (counters[i]) {
                sb.append(',');
                if (r != null && Double.isFinite(r.joules())) {
                    sb.append(String.format(Locale.ROOT, "%.3f", r.joules()));
                }
            }
        }
        out.write(sb.append('\n').toString());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
