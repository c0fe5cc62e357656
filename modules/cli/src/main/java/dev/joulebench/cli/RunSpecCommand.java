package dev.joulebench.cli;

import dev.joulebench.core.Json;
import dev.joulebench.core.spec.JobSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(names = "--id-file", paramLabel = "FILE",
            description = "Write the run's id to FILE as soon as its folder exists (how a study's cluster job tells "
                    + "the study which run it is).")
    Path idFile;

    @Option(names = "--stop-file", paramLabel = "FILE",
            description = "Stop the run early once FILE appears (read each second): 'prune' ends it pruned, anything "
                    + "else cancelled; both keep what it recorded.")
    Path stopFile;

    @Override
    public Integer call() throws Exception {
        RunControlFiles control = new RunControlFiles(idFile, stopFile);
        control.check();
        JobSpec spec = SpecOverrides.apply(Json.readSpec(file), common.seed, common.device);
        return new RunLauncher(Console.of(System.out, System.err, common.json), common.resources(), control)
                .launch(common.workspace(), spec, footprint.settings(sensors));
    }
}
