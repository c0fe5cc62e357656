package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.data.DatasetCatalog;
import dev.joulebench.data.DatasetFiles;
import dev.joulebench.nn.ModelSpec;
import dev.joulebench.train.TrainingBenchmark;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Benchmarks (not recorded as runs).", subcommands = BenchCommand.Train.class)
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

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
            TrainSpec spec = new TrainSpec("bp", dataset, model, 1, batch, optimizer, null, null, null, null, null, null,
                    common.seed, common.device, threads).requireValid(TrainSpec.class);
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
}
