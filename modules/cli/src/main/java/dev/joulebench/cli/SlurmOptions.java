package dev.joulebench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.study.SlurmCommands;
import dev.joulebench.study.SlurmSettings;
import dev.joulebench.study.StudySpec;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The options of {@code study run|resume --executor slurm}: what each trial's job asks of Slurm, and how. */
final class SlurmOptions {
    static final int DEFAULT_PARALLEL = 4;
    static final double DEFAULT_POLL_SECONDS = 5;
    /** How long a cancelled trial's run may take to stop by itself before its job is scancelled. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(30);
    /** How long one sbatch, squeue, sacct or scancel may take. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--partition", paramLabel = "NAME", description = "Partition of the trials' jobs (default: the "
            + "cluster's default partition).")
    String partition;

    @Option(names = "--time", paramLabel = "TIME", description = "Time limit of each trial's job as sbatch takes it: "
            + "minutes, HH:MM:SS or D-HH:MM:SS (default: the partition's).")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "CPUs of each trial's job (default 1); a base "
            + "spec without \"threads\" trains with this many.")
    Integer cpusPerTask;

    @Option(names = "--gres", paramLabel = "SPEC", description = "Generic resources of each trial's job, e.g. gpu:1.")
    String gres;

    @Option(names = "--account", paramLabel = "NAME", description = "Slurm account the jobs are charged to.")
    String account;

    @Option(names = "--slurm-launcher", paramLabel = "COMMAND", description = "The joulebench command the nodes run, "
            + "words split at spaces, e.g. /shared/joulebench/joulebench (default: this process's Java and class path, "
            + "which works where the nodes share this machine's filesystem).")
    String launcher;

    @Option(names = "--poll-seconds", paramLabel = "S", description = "How often squeue and the runs' metrics are "
            + "read (default 5).")
    Double pollSeconds;

    @Option(names = "--slurm-bin", paramLabel = "DIR", description = "Folder holding sbatch, squeue, sacct and scancel "
            + "(default: found on PATH).")
    Path bin;

    /** The Slurm options given, by name: with another executor each is a mistake worth saying. */
    List<String> given() {
        List<String> names = new ArrayList<>();
        Object[][] options = {{"--partition", partition}, {"--time", time}, {"--cpus-per-task", cpusPerTask},
            {"--gres", gres}, {"--account", account}, {"--slurm-launcher", launcher}, {"--poll-seconds", pollSeconds},
            {"--slurm-bin", bin}};
        for (Object[] o : options) {
            if (o[1] != null) {
                names.add((String) o[0]);
            }
        }
        return names;
    }

    /**
     * The executor's settings; every problem of the options is bad input at once, each named by its option.
     *
     * @param runOptions the energy options each trial's {@code joulebench run} gets
     */
    SlurmSettings settings(Path workspace, Integer parallel, List<String> runOptions) {
        double poll = pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds;
        Duration every = Double.isFinite(poll) && poll > 0 && poll < 1e6 ? Duration.ofMillis(Math.round(poll * 1000))
                : Duration.ZERO;
        SlurmSettings s = new SlurmSettings(launcherWords(), workspace, runOptions, partition, time, cpusPerTask, gres,
                account, parallel == null ? DEFAULT_PARALLEL : parallel, every, CANCEL_GRACE);
        List<SpecProblem> problems = s.problems();
        if (!problems.isEmpty()) {
            throw new BadInputException(problems.stream().map(SlurmOptions::shown)
                    .collect(Collectors.joining("\n  ", problems.size() == 1 ? "" : "Slurm options:\n  ", "")));
        }
        return s;
    }

    private static String shown(SpecProblem p) {
        String option = switch (p.field()) {
            case "launcher" -> "--slurm-launcher";
            case "poll" -> "--poll-seconds";
            default -> "--" + p.field();
        };
        return option + ": " + p.message() + (p.hint() == null ? "" : " (" + p.hint() + ")");
    }

    private List<String> launcherWords() {
        if (launcher == null) {
            return defaultLauncher();
        }
        List<String> words = Arrays.stream(launcher.strip().split("\\s+")).filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(ArrayList::new));
        if (!words.isEmpty() && words.get(0).contains("/")) {
            words.set(0, Path.of(words.get(0)).toAbsolutePath().normalize().toString()); // the job runs elsewhere
        }
        return words;
    }

    /**
     * This process again: its Java, its class path (absolute) and the Joulebench home that finds the shipped
     * samples, so a node that mounts the same filesystem runs the same build.
     */
    static List<String> defaultLauncher() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String home = System.getProperty("joulebench.home");
        if (home != null && !home.isBlank()) {
            cmd.add("-Djoulebench.home=" + Path.of(home).toAbsolutePath().normalize());
        }
        cmd.add("-cp");
        cmd.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        cmd.add(Main.class.getName());
        return cmd;
    }

    /** Slurm's commands, from --slurm-bin or PATH; missing ones are bad input saying what to do. */
    SlurmCommands commands() {
        try {
            return SlurmCommands.locate(bin, System.getenv("PATH"), Map.of(), COMMAND_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Asks sbatch, before the study exists, whether it would take a job with these options (sbatch --test-only). */
    static void preflight(SlurmCommands slurm, SlurmSettings s) {
        try {
            slurm.refusal(s.sbatchOptions()).ifPresent(why -> {
                throw new BadInputException("Slurm would refuse the trials' jobs" + (s.sbatchOptions().isEmpty() ? ""
                        : " with " + String.join(" ", s.sbatchOptions())) + ": " + why);
            });
        } catch (IllegalStateException e) {
            throw new BadInputException("Slurm does not answer: " + e.getMessage());
        }
    }

    /** The energy and memory options of the study, as each trial's {@code joulebench run} takes them. */
    static List<String> runOptions(CommonOptions common, FootprintOptions f, SensorOptions s) {
        List<String> o = new ArrayList<>();
        if (f.noEnergy) {
            o.add("--no-energy");
        }
        add(o, "--country", f.country);
        add(o, "--pue", f.pue);
        add(o, "--wue", f.wue);
        add(o, "--carbon-intensity", f.carbonIntensity);
        if (f.embodied) {
            o.add("--embodied");
        }
        add(o, "--cpu-tdp", s.cpuTdp);
        if (!"machine".equals(s.trackingMode)) {
            add(o, "--tracking-mode", s.trackingMode);
        }
        if (s.hz != 10) {
            add(o, "--power-hz", s.hz);
        }
        add(o, "--memory-limit", common.memoryLimit);
        return o;
    }

    private static void add(List<String> options, String name, Object value) {
        if (value != null) {
            options.add(name);
            options.add(String.valueOf(value));
        }
    }

    /**
     * A base spec without a thread count trains with the job's CPUs (Slurm's 1 unless --cpus-per-task), recorded
     * in the study's spec as {@link StudyCommand#splitThreads} does for local trials.
     */
    StudySpec withThreads(StudySpec spec) {
        if (spec.base().path("threads").asInt(0) > 0) {
            return spec;
        }
        ObjectNode base = spec.base().deepCopy();
        base.put("threads", cpusPerTask == null ? 1 : cpusPerTask);
        ObjectNode whole = Json.mapper().valueToTree(spec);
        whole.set("base", base);
        return Json.mapper().convertValue(whole, StudySpec.class);
    }
}
