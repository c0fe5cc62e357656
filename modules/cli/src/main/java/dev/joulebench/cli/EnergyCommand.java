package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.energy.EnergyLedger;
import dev.joulebench.energy.PowerSampler;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.Sensors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "energy", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Power sensors of this machine.", subcommands = {EnergyCommand.Probe.class, EnergyCommand.Watch.class})
final class EnergyCommand extends CommandGroup {
    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "Every sensor found or not found, with the reason and the method (measured or estimated).")
    static final class Probe implements Callable<Integer> {
        @Mixin
        SensorOptions sensors;

        @Option(names = "--json", description = "Machine-readable output.")
        boolean json;

        @Override
        public Integer call() {
            try (Sensors found = Sensors.discover(sensors.environment())) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (SensorProbe p : found.probes()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("sensor", p.name());
                    row.put("source", p.sensor() != null ? p.sensor().id() : p.kind().name().toLowerCase(Locale.ROOT));
                    row.put("found", p.available());
                    row.put("used", found.inUse(p));
                    row.put("method", p.method().label() + " (" + p.method().how() + ")");
                    row.put("detail", p.detail());
                    rows.add(row);
                }
                PrintStream out = System.out;
                if (json) {
                    out.println(Json.write(rows));
                    return ExitCodes.OK;
                }
                String fmt = "%-24s %-7s %-6s %-5s %-34s %s%n";
                out.printf(Locale.ROOT, fmt, "SENSOR", "SOURCE", "FOUND", "USED", "METHOD", "DETAIL");
                for (Map<String, Object> r : rows) {
                    out.printf(Locale.ROOT, fmt, r.get("sensor"), r.get("source"), (boolean) r.get("found") ? "yes" : "no",
                            (boolean) r.get("used") ? "yes" : "", r.get("method"), r.get("detail"));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Live power per source for N seconds, then the energy per source.")
    static final class Watch implements Callable<Integer> {
        @Option(names = "--seconds", paramLabel = "N", defaultValue = "10", description = "How long (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--hz", paramLabel = "H", description = "Sampling rate (default: --power-hz, 10).")
        Double hz;

        @Mixin
        SensorOptions sensors;

        @Option(names = "--json", description = "Only the totals, as JSON, at the end.")
        boolean json;

        @Override
        public Integer call() throws InterruptedException {
            if (!(seconds > 0)) {
                throw new dev.joulebench.core.BadInputException("--seconds must be positive (got " + seconds + ")");
            }
            double rate = hz != null ? hz : sensors.hz;
            try (Sensors found = Sensors.discover(sensors.environment())) {
                if (found.selected().isEmpty()) {
                    System.err.println("No power sensor available; see: joulebench energy probe");
                    return ExitCodes.JOB_FAILED;
                }
                EnergyLedger ledger = new EnergyLedger();
                long t0 = System.nanoTime();
                PrintStream out = System.out;
                boolean terminal = System.console() != null;
                long[] lastPrint = {0};
                CountDownLatch done = new CountDownLatch(1);
                PowerSampler sampler = new PowerSampler(found.selected(), ledger, () -> (System.nanoTime() - t0) / 1e9,
                        null, tick -> {
                            if (json) {
                                return;
                            }
                            long now = System.nanoTime();
                            if (now - lastPrint[0] >= 1_000_000_000L || lastPrint[0] == 0) {
                                lastPrint[0] = now;
                                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%6.1fs", tick.t()));
                                tick.watts().forEach((id, w) -> sb.append(String.format(Locale.ROOT, "  %s %7.1f W", id, w)));
                                out.println(sb);
                            }
                        });
                if (!json && !terminal) {
                    out.println("sources: " + String.join(", ", found.selected().stream()
                            .map(s -> s.id() + " (" + s.method().label() + ": " + s.description() + ")").toList()));
                }
                Thread hook = new Thread(done::countDown, "energy-watch-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                sampler.start(rate, "power-sampler-watch");
                done.await((long) (seconds * 1000), TimeUnit.MILLISECONDS);
                sampler.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: print what was measured anyway
                }
                print(ledger, out);
                return ExitCodes.OK;
            }
        }

        private void print(EnergyLedger ledger, PrintStream out) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (EnergyLedger.SourceTotal t : ledger.totals()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", t.id());
                row.put("method", t.method().label() + " (" + t.method().how() + ")");
                row.put("joules", t.joules());
                row.put("average_watts", t.averageWatts());
                row.put("peak_watts", t.peakWatts());
                row.put("counter_joules", t.counterJoules());
                row.put("power_integral_joules", t.powerIntegralJoules());
                row.put("counter_vs_integral", t.counterVsIntegralGap());
                row.put("samples", t.samples());
                row.put("failed_reads", t.failedReads());
                row.put("unmeasured_seconds", t.unmeasuredSeconds());
                rows.add(row);
            }
            if (json) {
                out.println(Json.write(rows));
                return;
            }
            out.println();
            String fmt = "%-6s %-34s %12s %10s %10s %14s%n";
            out.printf(Locale.ROOT, fmt, "SOURCE", "METHOD", "ENERGY (J)", "AVG (W)", "PEAK (W)", "COUNTER/INTEG");
            for (EnergyLedger.SourceTotal t : ledger.totals()) {
                String gap = Double.isNaN(t.counterVsIntegralGap()) ? "-"
                        : String.format(Locale.ROOT, "%+.2f%%", 100 * t.counterVsIntegralGap());
                out.printf(Locale.ROOT, fmt, t.id(), t.method().label() + " (" + t.method().how() + ")",
                        String.format(Locale.ROOT, "%.1f", t.joules()), String.format(Locale.ROOT, "%.1f", t.averageWatts()),
                        Double.isNaN(t.peakWatts()) ? "-" : String.format(Locale.ROOT, "%.1f", t.peakWatts()), gap);
            }
        }
    }
}
