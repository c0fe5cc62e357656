package dev.joulebench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "joulebench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Energy-aware machine learning workbench: train and evaluate networks on real data,",
            "with every run recorded (spec, provenance, metrics, checkpoints) under the workspace.",
            ""},
        subcommands = {TrainCommand.class, EvalCommand.class, RunsCommand.class, RunSpecCommand.class,
            BenchCommand.class, EnergyCommand.class, SpectraCommand.class, CompareCommand.class, CompressCommand.class,
            InspectCommand.class, ExportCommand.class, ReportCommand.class, StudyCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  joulebench train --dataset samples --model mlp:784-256-10 --epochs 1",
            "  joulebench train --dataset fashion-mnist --model mlp:784-1000-1000-10 --epochs 3 --batch 128",
            "  joulebench eval --model <run-id> --dataset fashion-mnist",
            "  joulebench runs list",
            "  joulebench run spec.json",
            "",
            "Exit codes: 0 ok, 1 the job failed or was cancelled, 2 bad input (nothing was run),",
            "  130 interrupted by Ctrl-C (SIGINT) and 143 stopped by SIGTERM: the run ends cancelled, keeping what it recorded.",
            "Workspace: --workspace, else $JOULEBENCH_WORKSPACE, else ~/joulebench (logs in <workspace>/logs)."})
final class JoulebenchCommand extends CommandGroup {
}
