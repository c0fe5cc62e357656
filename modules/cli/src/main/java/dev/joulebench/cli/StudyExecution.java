package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.study.LocalExecutor;
import dev.joulebench.study.SlurmCommands;
import dev.joulebench.study.SlurmExecutor;
import dev.joulebench.study.SlurmSettings;
import dev.joulebench.study.StudyDirectory;
import dev.joulebench.study.StudySpec;
import dev.joulebench.study.TrialExecutor;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@code study run} and {@code study resume} share: where the trials run, how many at once, how. */
final class StudyExecution {
    static final String LOCAL = "local";
    static final String SLURM = "slurm";

    @Option(names = "--executor", paramLabel = "local|slurm", description = "Where trials run: local, this machine "
            + "(the default of run; resume takes the study's own), or slurm, each trial a Slurm job on a workspace the "
            + "nodes share (see the Slurm options).")
    String executor;

    @Option(names = "--parallel", paramLabel = "N", description = "Trials at once: on this machine (default 1; the "
            + "processors are split between them), or Slurm jobs queued or running (default "
            + SlurmOptions.DEFAULT_PARALLEL + ").")
    Integer parallel;

    @Mixin
    CommonOptions common;

    @Mixin
    FootprintOptions footprint;

    @Mixin
    SensorOptions sensors;

    @ArgGroup(exclusive = false, validate = false, heading = "%nWith --executor slurm:%n")
    SlurmOptions slurm = new SlurmOptions();

    private SlurmCommands commands;
    private SlurmSettings settings;

    /** The executor asked for, else the one the study ran on (resume), else local. */
    String executorName(String recorded) {
        String name = executor != null ? executor : recorded != null ? recorded : LOCAL;
        if (!List.of(LOCAL, SLURM).contains(name)) {
            throw new BadInputException("--executor must be local or slurm, got '" + name + "'");
        }
        return name;
    }

    private SlurmOptions slurm() {
        return slurm == null ? new SlurmOptions() : slurm;
    }

    /**
     * Every option checked for this executor before a study starts: the energy options, --parallel, and for Slurm
     * its options, its commands and whether sbatch would take such a job.
     */
    void check(String name) {
        footprint.settings(sensors);
        if (LOCAL.equals(name)) {
            int processors = Runtime.getRuntime().availableProcessors();
            if (parallel != null && (parallel < 1 || parallel > Math.max(1, processors))) {
                throw new BadInputException("--parallel must be between 1 and this machine's " + processors
                        + " processors, got " + parallel);
            }
            List<String> given = slurm().given();
            if (!given.isEmpty()) {
                throw new BadInputException(String.join(", ", given) + (given.size() == 1 ? " is a Slurm option" :
                        " are Slurm options") + ": add --executor slurm, or leave " + (given.size() == 1 ? "it" : "them")
                        + " out to run the trials on this machine");
            }
            return;
        }
        settings = slurm().settings(common.workspace(), parallel,
                SlurmOptions.runOptions(common, footprint, sensors));
        commands = slurm().commands();
        SlurmOptions.preflight(commands, settings);
    }

    /** How many trials run at once with this executor. */
    int parallel(String name) {
        return parallel != null ? parallel : SLURM.equals(name) ? SlurmOptions.DEFAULT_PARALLEL : 1;
    }

    /** The study's spec as its trials will run: the processors split (local), or the job's CPUs (Slurm). */
    StudySpec prepare(StudySpec spec, String name) {
        return SLURM.equals(name) ? slurm().withThreads(spec) : StudyCommand.splitThreads(spec, parallel(name));
    }

    /** The executor, after {@link #check}; {@code bus} carries the local runs' events. */
    TrialExecutor open(String name, StudyDirectory dir, RunStore runs, EventBus bus, String metric) {
        if (SLURM.equals(name)) {
            return new SlurmExecutor(commands, settings, dir, metric);
        }
        return new LocalExecutor(RunLauncher.runner(runs, bus, footprint.settings(sensors), List.of(),
                common.resources()), bus, parallel(name), metric);
    }
}
