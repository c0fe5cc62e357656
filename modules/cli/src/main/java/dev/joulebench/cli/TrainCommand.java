package dev.joulebench.cli;

import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Train a network on a dataset; the run is recorded under <workspace>/runs/.",
            "Model grammar: mlp:IN-H1-...-OUT (e.g. mlp:784-1000-1000-10), or",
            "cnn:CxHxW-cN...-dN...-OUT with cN = 3x3 conv + ReLU + 2x2 max-pool, dN = dense + ReLU",
            "(e.g. cnn:1x28x28-c32-c64-d128-10)."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--method", defaultValue = "bp", description = "Training method: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = Methods.class)
    String method;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH",
            description = "fashion-mnist, mnist, cifar10, samples, or a directory of IDX / CIFAR-10 binary files.")
    String dataset;

    @Option(names = "--model", required = true, paramLabel = "SPEC", description = "Architecture, e.g. mlp:784-1000-1000-10.")
    String model;

    @Option(names = "--epochs", paramLabel = "N", description = "Epoch budget (default 10).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default 128).")
    Integer batch;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "Optimizer (default adam).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default 1e-3 for adam, 0.05 for sgd).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "X", description = "SGD momentum (default 0.9).")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "X", description = "L2 weight decay (default 0).")
    Double weightDecay;

    @Option(names = "--val-fraction", paramLabel = "X",
            description = "Share of the train set held out for validation (default 1/6: 50k/10k on 60k).")
    Double valFraction;

    @Option(names = "--patience", paramLabel = "N",
            description = "Stop after N epochs without better validation accuracy; 0 = off (default). The best epoch's weights are kept.")
    Integer patience;

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training images (0 = all).")
    Integer limitTrain;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: engine default).")
    Integer threads;

    @Option(names = "--spectra-every", paramLabel = "K",
            description = "Activation spectra of the hidden layers every K steps into spectra/ (default 200; 0 = off).")
    Integer spectraEvery;

    @Option(names = "--spectra-window", paramLabel = "N",
            description = "Samples in the activation window analysed (default 256).")
    Integer spectraWindow;

    @Option(names = "--opt", paramLabel = "KEY=VALUE",
            description = "A method option, repeatable (e.g. --method ff --opt threshold=1000); the method lists its keys.")
    java.util.Map<String, String> options;

    @Option(names = "--save-spec", paramLabel = "FILE",
            description = "Write the spec as JSON (for `joulebench run FILE`) and exit without training.")
    Path saveSpec;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        TrainSpec spec = TrainSpec.builder().method(method).dataset(dataset).model(model).epochs(epochs).batchSize(batch).optimizer(optimizer).learningRate(lr).momentum(momentum).weightDecay(weightDecay).validationFraction(valFraction).patience(patience).limitTrain(limitTrain).seed(common.seed).device(common.device).threads(threads).spectraEvery(spectraEvery).spectraWindow(spectraWindow).options(options).build();
        Console console = Console.of(System.out, System.err, common.json);
        if (saveSpec != null) {
            console.info().println("spec written to " + OutputFiles.saveSpec(saveSpec, spec, TrainSpec.class));
            return ExitCodes.OK;
        }
        return new RunLauncher(console, common.resources()).launch(common.workspace(), spec, footprint.settings(sensors));
    }

    static final class Methods implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TrainSpec.METHODS.iterator();
        }
    }
}
