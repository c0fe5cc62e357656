package dev.joulebench.cli;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "runs", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "List and show the runs of the workspace.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class})
final class RunsCommand extends CommandGroup {
    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per run, oldest first.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            List<RunRecord> runs = new RunStore(common.workspace()).list();
            PrintStream out = System.out;
            if (common.json) {
                out.println(Json.write(runs));
                return ExitCodes.OK;
            }
            if (runs.isEmpty()) {
                out.println("No runs in " + common.workspace() + ". Start one with: joulebench train --dataset samples --model mlp:784-256-10 --epochs 1");
                return ExitCodes.OK;
            }
            String fmt = "%-40s %-11s %-6s %-14s %-24s %9s %7s %9s %12s %10s%n";
            out.printf(Locale.ROOT, fmt, "RUN", "STATUS", "KIND", "DATASET", "MODEL", "ACCURACY", "EPOCHS", "SECONDS",
                    "ENERGY kWh", "CO2e g");
            for (RunRecord r : runs) {
                out.printf(Locale.ROOT, fmt, r.id(), r.effectiveStatus().json(), r.kind(), dataset(r), model(r),
                        accuracy(r.summary()), Format.number(r.summary().get(MetricKeys.EPOCHS)),
                        r.durationSeconds() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.durationSeconds()),
                        energy(r.summary()), co2eGrams(r.summary()));
            }
            out.println("Energy: * = mostly estimated (a model, not a meter); see `joulebench runs show RUN` for each source's method.");
            return ExitCodes.OK;
        }

        private static String accuracy(Map<String, Double> s) {
            Double a = s.getOrDefault(MetricKeys.TEST_ACCURACY, s.getOrDefault("validation/accuracy", s.get("train/accuracy")));
            return a == null ? "-" : String.format(Locale.ROOT, "%.4f", a);
        }

        private static String energy(Map<String, Double> s) {
            Double kwh = s.get(MetricKeys.ENERGY_KWH);
            if (kwh == null) {
                return "-";
            }
            boolean estimated = s.getOrDefault(MetricKeys.ENERGY_ESTIMATED_SHARE, 0.0) > 0.5;
            return String.format(Locale.ROOT, "%.3e%s", kwh, estimated ? "*" : " ");
        }

        private static String co2eGrams(Map<String, Double> s) {
            Double kg = s.get(MetricKeys.CO2E_KG);
            return kg == null ? "-" : String.format(Locale.ROOT, "%.3f", kg * 1000);
        }

        private static String dataset(RunRecord r) {
            if (r.spec() instanceof TrainSpec t) {
                return t.dataset();
            }
            return r.spec() instanceof EvalSpec e ? e.dataset() : "-";
        }

        private static String model(RunRecord r) {
            if (r.spec() instanceof TrainSpec t) {
                return t.model();
            }
            return r.spec() instanceof EvalSpec e ? e.model() : "-";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The run's record (spec, provenance, status, summary) and its files.")
    static final class ShowRun implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN", description = "Run id, or a unique part of it (prefix or the last 4 hex digits).")
        String run;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            RunStore store = new RunStore(common.workspace());
            RunRecord r = store.load(run);
            Path dir = store.resolveDir(r.id());
            if (common.json) {
                System.out.println(Json.write(r));
                return ExitCodes.OK;
            }
            PrintStream out = System.out;
            out.println("run       " + r.id());
            out.println("status    " + r.effectiveStatus().json() + (r.error() != null ? ": " + r.error() : ""));
            out.println("created   " + r.createdAt() + (r.endedAt() != null ? "   ended " + r.endedAt() : ""));
            if (r.durationSeconds() != null) {
                out.printf(Locale.ROOT, "duration  %.1f s%n", r.durationSeconds());
            }
            out.println("directory " + dir);
            out.println("spec");
            out.println(indent(Json.write(r.spec())));
            if (!r.summary().isEmpty()) {
                out.println("summary");
                r.summary().forEach((k, v) -> out.printf(Locale.ROOT, "  %-26s %s%n", k, Format.number(v)));
            }
            if (r.reports().get("energy") instanceof Map<?, ?> energy) {
                out.println("energy");
                if (energy.get("sources") instanceof List<?> sources) {
                    for (Object o : sources) {
                        if (o instanceof Map<?, ?> src) {
                            out.printf(Locale.ROOT, "  %-5s %12.4e kWh  avg %8.2f W  %s: %s%n", src.get("id"),
                                    ((Number) src.get("kwh")).doubleValue(), ((Number) src.get("average_watts")).doubleValue(),
                                    src.get("method"), src.get("description"));
                        }
                    }
                }
                out.println("  " + Json.write(Map.of("phases_kwh", energy.get("phases_kwh"), "co2e_kg", energy.get("co2e_kg"),
                        "water_l", energy.get("water_l"), "carbon_intensity", energy.get("carbon_intensity")))
                        .replace("\n", "\n  "));
            }
            if (r.provenance() != null) {
                out.println("provenance");
                out.println(indent(Json.write(r.provenance())));
            }
            long metrics = Files.isRegularFile(dir.resolve(RunDirectory.METRICS))
                    ? Files.lines(dir.resolve(RunDirectory.METRICS)).count() : 0;
            out.println("files");
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    try {
                        out.printf(Locale.ROOT, "  %-40s %,12d bytes%s%n", dir.relativize(f), Files.size(f),
                                f.getFileName().toString().equals(RunDirectory.METRICS) ? " (" + metrics + " points)" : "");
                    } catch (IOException e) {
                        out.println("  " + dir.relativize(f));
                    }
                });
            }
            return ExitCodes.OK;
        }

        private static String indent(String s) {
            return "  " + s.replace("\n", "\n  ");
        }
    }
}
