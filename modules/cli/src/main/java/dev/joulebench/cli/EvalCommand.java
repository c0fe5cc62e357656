package dev.joulebench.cli;

import dev.joulebench.core.spec.EvalSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model or an ONNX file on a dataset.",
            "The model is a run id, a run directory, a model/ checkpoint directory, or an .onnx file (run by",
            "ONNX Runtime on the CPU). Reports accuracy and throughput and, for ONNX, latency percentiles per",
            "batch and per sample and energy per 1,000 inferences."},
        footerHeading = "%nExamples:%n",
        footer = {"  joulebench eval --model 3f2a --dataset fashion-mnist",
            "  joulebench eval --model cnn_mnist.onnx --dataset mnist --preprocess none",
            "  joulebench eval --model model.onnx --dataset cifar10 --input-layout nhwc \\",
            "      --preprocess mean=0.4914:0.4822:0.4465,std=0.247:0.243:0.261"})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN|DIR|FILE.onnx",
            description = "Run id (or unique part of it), checkpoint directory, or an .onnx file.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "NAME|PATH", description = "Dataset name or path.")
    String dataset;

    @Option(names = "--split", paramLabel = "test|validation|train", description = "Which split (default test).")
    String split;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default 256; an ONNX model that fixes its batch size uses that).")
    Integer batch;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch or ONNX Runtime (default: engine default).")
    Integer threads;

    @Option(names = "--input-layout", paramLabel = "auto|nchw|nhwc|flat",
            description = "ONNX only: how images are fed: N x C x H x W, N x H x W x C, or N x features "
                    + "(default auto: from the model's input shape).")
    String inputLayout;

    @Option(names = "--preprocess", paramLabel = "SPEC",
            description = "ONNX only: pixel preprocessing: " + EvalSpec.PREPROCESS_HELP + ".")
    String preprocess;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        EvalSpec spec = EvalSpec.builder().model(model).dataset(dataset).split(split).batchSize(batch).seed(common.seed).device(common.device).threads(threads).inputLayout(inputLayout).preprocess(preprocess).build();
        return new RunLauncher(Console.of(System.out, System.err, common.json), common.resources())
                .launch(common.workspace(), spec, footprint.settings(sensors));
    }
}
