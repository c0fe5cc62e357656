package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Run any job from a saved spec (JSON with \"kind\": \"train\" or \"eval\"),",
            "as written by `joulebench train ... --save-spec FILE`. --seed and --device override the file."})
final class RunSpecCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.json")
    Path file;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @Override
    public Integer call() throws Exception {
        JobSpec spec = SpecOverrides.apply(Json.readSpec(file), common.seed, common.device);
        return new RunLauncher(Console.of(System.out, System.err, common.json), common.resources())
                .launch(common.workspace(), spec, footprint.settings(sensors));
    }
}
