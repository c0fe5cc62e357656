package dev.joulebench.study;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's commands ({@code sbatch}, {@code squeue}, {@code sacct}, {@code scancel}) run as processes with their
 * arguments as a list (nothing goes through a shell) and a timeout each. The commands are given by name or path,
 * so a test can point them at stand-ins, and extra environment (e.g. {@code SLURM_CONF}) is passed to each.
 */
public final class SlurmCommands {
    /** Job states Slurm reports once a job has left for good (a requeue shows up as PENDING again). */
    public static final Set<String> ENDED_STATES = Set.of("COMPLETED", "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL",
            "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY", "PREEMPTED", "REVOKED", "SPECIAL_EXIT");
    /** The commands a study needs; {@code sacct} is only asked for a job's final state and may be missing. */
    public static final List<String> REQUIRED = List.of("sbatch", "squeue", "scancel");

    /** How a job ended, as accounting tells it. */
    public record JobEnd(String state, String exitCode) { }

    /** A finished command: its exit code and what it printed. */
    record Output(int code, String out, String err) {
        /** The error output's text, or the standard output's when the command said nothing on stderr. */
        String complaint() {
            String text = err.isBlank() ? out : err;
            return text.strip().replaceAll("\\s*\\R\\s*", "; ");
        }
    }

    private final Map<String, String> commands;
    private final Map<String, String> environment;
    private final Duration timeout;

    /**
     * @param commands    {@code sbatch}, {@code squeue}, {@code sacct} and {@code scancel} to the name or path to run
     *                    for each (a missing one runs by its own name)
     * @param environment set for each command on top of this process's own
     */
    public SlurmCommands(Map<String, String> commands, Map<String, String> environment, Duration timeout) {
        this.commands = Map.copyOf(commands);
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /**
     * The commands found in {@code dir}, or on {@code searchPath} (a PATH value) when dir is null.
     *
     * @throws IllegalStateException naming the first required command that is missing, with what to do
     */
    public static SlurmCommands locate(Path dir, String searchPath, Map<String, String> environment, Duration timeout) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : List.of("sbatch", "squeue", "sacct", "scancel")) {
            Optional<Path> p = find(name, dir, searchPath);
            if (p.isPresent()) {
                found.put(name, p.get().toString());
            } else if (REQUIRED.contains(name)) {
                throw new IllegalStateException(name + " not found" + (dir == null ? "" : " in " + dir)
                        + ": install Slurm or use --executor local");
            }
        }
        found.putIfAbsent("sacct", "sacct");
        return new SlurmCommands(found, environment, timeout);
    }

    /** The executable {@code name} in {@code dir}, or in the first folder of {@code searchPath} holding one. */
    public static Optional<Path> find(String name, Path dir, String searchPath) {
        List<Path> folders = new ArrayList<>();
        if (dir != null) {
            folders.add(dir);
        } else if (searchPath != null) {
            for (String part : searchPath.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part));
                }
            }
        }
        return folders.stream().map(f -> f.resolve(name).toAbsolutePath())
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /**
     * Submits a batch script; returns the job id.
     *
     * @throws TrialStartException with sbatch's own complaint when it refuses the job
     */
    public String submit(Path script) {
        Output o;
        try {
            o = run(List.of(command("sbatch"), "--parsable", script.toString()), null);
        } catch (IllegalStateException e) {
            throw new TrialStartException("the job " + script.getFileName() + " was not submitted: " + e.getMessage(), e);
        }
        String id = o.out().strip().split(";", 2)[0];
        if (o.code() != 0 || !id.matches("\\d+")) {
            throw new TrialStartException("Slurm refused the job " + script.getFileName() + ": " + o.complaint());
        }
        return id;
    }

    /** What {@code sbatch --test-only} says against a job with these options, or empty when it would take it. */
    public Optional<String> refusal(List<String> sbatchOptions) {
        List<String> args = new ArrayList<>(List.of(command("sbatch"), "--test-only"));
        args.addAll(sbatchOptions);
        Output o = run(args, "#!/bin/sh\ntrue\n");
        return o.code() == 0 ? Optional.empty() : Optional.of(o.complaint());
    }

    /**
     * The state of each of these jobs that Slurm still lists (finished ones stay listed for a few minutes, with
     * their end state); a job missing from the map has left the queue.
     *
     * @throws IllegalStateException when squeue cannot answer (slurmctld unreachable, a timeout)
     */
    public Map<String, String> states(Collection<String> jobIds) {
        if (jobIds.isEmpty()) {
            return Map.of();
        }
        Output o = run(List.of(command("squeue"), "--noheader", "--states=all", "--format=%i|%T",
                "--jobs=" + String.join(",", jobIds)), null);
        if (o.code() != 0) {
            if (o.err().contains("Invalid job id")) {
                return Map.of(); // a single job id that Slurm has forgotten
            }
            throw new IllegalStateException("squeue failed: " + o.complaint());
        }
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : o.out().split("\\R")) {
            String[] f = line.strip().split("\\|");
            if (f.length == 2 && jobIds.contains(f[0])) {
                states.put(f[0], baseState(f[1]));
            }
        }
        return states;
    }

    /**
     * How the job ended by Slurm's accounting ({@code sacct}; on a cluster without the accounting database,
     * its job completion log, {@code sacct --completion}); empty when neither knows the job.
     */
    public Optional<JobEnd> accounting(String jobId) {
        String format = "--format=JobID,State,ExitCode";
        List<List<String>> attempts = List.of(
                List.of(command("sacct"), "--noheader", "--parsable2", "--allocations", "--jobs=" + jobId, format),
                List.of(command("sacct"), "--completion", "--noheader", "--parsable2", "--jobs=" + jobId, format));
        for (List<String> args : attempts) {
            Output o;
            try {
                o = run(args, null);
            } catch (IllegalStateException unavailable) {
                continue;
            }
            if (o.code() != 0) {
                continue;
            }
            for (String line : o.out().split("\\R")) {
                String[] f = line.strip().split("\\|");
                if (f.length >= 3 && f[0].equals(jobId)) {
                    return Optional.of(new JobEnd(baseState(f[1]), f[2]));
                }
            }
        }
        return Optional.empty();
    }

    /** Cancels the job; one that already ended is no error. */
    public void cancel(String jobId) {
        Output o = run(List.of(command("scancel"), jobId), null);
        if (o.code() != 0 && !o.err().contains("Invalid job id") && !o.err().contains("already complet")) {
            throw new IllegalStateException("scancel " + jobId + " failed: " + o.complaint());
        }
    }

    /** "CANCELLED by 0" and "CANCELLED+" are CANCELLED. */
    static String baseState(String state) {
        String s = state.strip().split("\\s+", 2)[0];
        return (s.endsWith("+") ? s.substring(0, s.length() - 1) : s).toUpperCase(Locale.ROOT);
    }

    private String command(String name) {
        return commands.getOrDefault(name, name);
    }

    /**
     * Runs one command to its end, stdout and stderr kept apart in temporary files (no reader threads needed).
     *
     * @param stdin the text to feed it, or null for none
     * @throws IllegalStateException when it cannot be started or runs past the timeout (it is then killed)
     */
    Output run(List<String> args, String stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("joulebench-slurm-", ".out");
            err = Files.createTempFile("joulebench-slurm-", ".err");
            ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(environment);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(args.get(0) + " gave no answer within " + timeout.toSeconds()
                        + " s (is slurmctld reachable?)");
            }
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + args.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(args.get(0) + " was interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                f.toFile().deleteOnExit();
            }
        }
    }
}
