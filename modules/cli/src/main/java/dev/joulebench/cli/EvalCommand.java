package dev.joulebench.cli;

import dev.joulebench.core.spec.EvalSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Evaluate a trained model (a run id, a run directory or a model/ checkpoint directory) on a dataset.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN|DIR", description = "Run id (or unique part of it) or checkpoint directory.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH", description = "Dataset name or path.")
    String dataset;

    @Option(names = "--split", paramLabel = "test|validation|train", description = "Which split (default test).")
    String split;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default 256).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: engine default).")
    Integer threads;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        EvalSpec spec = new EvalSpec(model, dataset, split, batch, common.seed, common.device, threads);
        return new RunLauncher(Console.of(System.out, System.err, common.json))
                .launch(common.workspace(), spec, footprint.settings(sensors));
    }
}
