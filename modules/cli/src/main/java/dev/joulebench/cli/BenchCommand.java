package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.TrainingBenchmark;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Benchmarks (not recorded as runs).", subcommands = {BenchCommand.Train.class, BenchCommand.Sampler.class, BenchCommand.Spectra.class, BenchTtSvdCommand.class, BenchMpoLayerCommand.class})
final class BenchCommand extends CommandGroup {
    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Backprop training throughput (samples/s) after warm-up, for comparison with the",
                "same loop in PyTorch (bench/pytorch_mlp.py; bench/train-mlp.sh runs both)."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--model", defaultValue = "mlp:784-1000-1000-10", description = "Model (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--dataset", defaultValue = "samples", description = "Dataset (default ${DEFAULT-VALUE}).")
        String dataset;

        @Option(names = "--batch", defaultValue = "128", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd (default ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--threads", defaultValue = "0", description = "PyTorch CPU threads (0 = engine default).")
        int threads;

        @Option(names = "--warmup", defaultValue = "20", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--steps", defaultValue = "200", description = "Timed steps (default ${DEFAULT-VALUE}).")
        int steps;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws Exception {
            TrainSpec spec = TrainSpec.builder().method("bp").dataset(dataset).model(model).epochs(1).batchSize(batch).optimizer(optimizer).seed(common.seed).device(common.device).threads(threads).build().requireValid(TrainSpec.class);
            DatasetFiles files = DatasetCatalog.system().load(dataset);
            TrainingBenchmark.Result r = new TrainingBenchmark().run(ModelSpec.parse(model), files.train(), spec,
                    warmup, steps, spec.device());
            if (common.json) {
                System.out.println(Json.write(new java.util.LinkedHashMap<String, Object>(java.util.Map.of(
                        "result", r, "samples_per_second", r.samplesPerSecond(), "ms_per_step", r.millisPerStep()))));
            } else {
                System.out.printf(Locale.ROOT, "joulebench %s batch %d on %s, %d threads, PyTorch %s: %.0f samples/s (%.2f ms/step over %d steps)%n",
                        r.model(), r.batch(), r.device(), r.threads(), r.pytorchVersion(), r.samplesPerSecond(),
                        r.millisPerStep(), r.steps());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "sampler", mixinStandardHelpOptions = true, sortOptions = false,
            description = "CPU cost of the power sampler: its thread's CPU time over wall time, as % of one core.")
    static final class Sampler implements Callable<Integer> {
        @Option(names = "--seconds", defaultValue = "20", description = "How long (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--hz", defaultValue = "10", description = "Sampling rate (default ${DEFAULT-VALUE}).")
        double hz;

        @Option(names = "--warmup", defaultValue = "5",
                description = "Seconds sampled first and not counted: JIT compilation and first reads (default ${DEFAULT-VALUE}).")
        double warmup;

        @Mixin
        SensorOptions sensors;

        @Override
        public Integer call() throws Exception {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] samplerThread = {-1};
            try (dev.joulebench.energy.Sensors found = dev.joulebench.energy.Sensors.discover(sensors.environment())) {
                long t0 = System.nanoTime();
                dev.joulebench.energy.PowerSampler sampler = new dev.joulebench.energy.PowerSampler(found.selected(),
                        new dev.joulebench.energy.EnergyLedger(), () -> (System.nanoTime() - t0) / 1e9, null,
                        tick -> samplerThread[0] = Thread.currentThread().getId());
                sampler.start(hz, "power-sampler-bench");
                // Let the sampler run undisturbed; this thread only waits.
                java.util.concurrent.locks.LockSupport.parkNanos((long) (warmup * 1e9));
                long cpu0 = threads.getThreadCpuTime(samplerThread[0]);
                long w0 = System.nanoTime();
                java.util.concurrent.locks.LockSupport.parkNanos((long) (seconds * 1e9));
                long cpu = threads.getThreadCpuTime(samplerThread[0]) - cpu0;
                double wall = (System.nanoTime() - w0) / 1e9;
                sampler.close();
                System.out.printf(Locale.ROOT, "power sampler at %.0f Hz over %.1f s, sources %s: %.3f ms CPU per tick, %.3f%% of one core%n",
                        hz, wall, found.selected().stream().map(s -> s.id() + "(" + s.method().label() + ")").toList(),
                        cpu / 1e6 / Math.max(1, hz * wall), 100.0 * cpu / 1e9 / wall);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "spectra", mixinStandardHelpOptions = true,
            description = {"Time of one weight ESD (Gram product + symmetric eigenvalues) on seeded Gaussian",
                "matrices, 2 warm-ups then the median of 5; bench/spectra_numpy.py does the same in numpy."})
    static final class Spectra implements Callable<Integer> {
        @Option(names = "--sizes", split = ",", defaultValue = "1024x1024,4096x1024", description = "NxM,... (default ${DEFAULT-VALUE}).")
        List<String> sizes;

        @Override
        public Integer call() {
            for (String size : sizes) {
                String[] nm = size.split("x");
                if (nm.length != 2) {
                    throw new dev.joulebench.core.BadInputException("--sizes: write NxM, e.g. 1024x1024 (got " + size + ")");
                }
                int n = Integer.parseInt(nm[0].trim());
                int m = Integer.parseInt(nm[1].trim());
                java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
                float[] w = new float[n * m];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) gaussian(rnd);
                }
                for (int i = 0; i < 2; i++) {
                    dev.joulebench.spectra.Esd.of(w, n, m);
                }
                double[] t = new double[5];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    dev.joulebench.spectra.Esd.of(w, n, m);
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
                java.util.Arrays.sort(t);
                System.out.printf(Locale.ROOT, "ESD %dx%d: median %.3f s (min %.3f, max %.3f)%n", n, m, t[2], t[0], t[4]);
            }
            return ExitCodes.OK;
        }

        private static double gaussian(java.util.SplittableRandom r) {
            double u = 1 - r.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
        }
    }
}
