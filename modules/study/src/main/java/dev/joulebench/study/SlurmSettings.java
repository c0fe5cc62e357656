package dev.joulebench.study;

import dev.joulebench.core.spec.SpecProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How trials run as Slurm jobs. Each job runs {@code launcher run trials/<n>.json --workspace W ... runOptions} on
 * a node that shares the workspace's filesystem.
 *
 * @param launcher    the Joulebench command on the nodes, as words (e.g. the repository's {@code joulebench} script)
 * @param workspace   the shared workspace the trials' runs go to
 * @param runOptions  further options of each trial's {@code joulebench run} (the study's energy options)
 * @param partition   sbatch's {@code --partition}, or null for the cluster's default
 * @param time        sbatch's {@code --time} limit per trial (e.g. {@code 30}, {@code 2:00:00}, {@code 1-0}), or null
 * @param cpusPerTask sbatch's {@code --cpus-per-task}, or null for Slurm's 1
 * @param gres        sbatch's {@code --gres} (e.g. {@code gpu:1}), or null
 * @param account     sbatch's {@code --account}, or null
 * @param parallel    how many of the study's jobs may be queued or running at once
 * @param poll        how often squeue is asked and the runs' metrics are read
 * @param cancelGrace how long a cancelled run may take to stop by itself before its job is scancelled
 */
public record SlurmSettings(List<String> launcher, Path workspace, List<String> runOptions, String partition,
                            String time, Integer cpusPerTask, String gres, String account, int parallel,
                            Duration poll, Duration cancelGrace) {
    public static final int MAX_PARALLEL = 1000;
    /** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or no limit. */
    private static final Pattern TIME = Pattern.compile(
            "\\d{1,7}|\\d{1,7}:\\d{1,2}(:\\d{1,2})?|\\d{1,4}-\\d{1,2}(:\\d{1,2}){0,2}|UNLIMITED|INFINITE|unlimited|infinite");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]{1,256}");
    private static final Pattern NAMES = Pattern.compile("[A-Za-z0-9_.+,-]{1,256}");
    private static final Pattern GRES = Pattern.compile("[A-Za-z0-9_.+,:=/-]{1,256}");

    public SlurmSettings {
        launcher = List.copyOf(launcher);
        workspace = workspace.toAbsolutePath().normalize();
        runOptions = List.copyOf(runOptions);
    }

    /**
     * Every problem of these settings; the field is the sbatch option's name ({@code time}, {@code gres}, ...) or
     * {@code parallel}, {@code launcher}, {@code poll}. Values go into the job script, so only the characters
     * Slurm's own values use are taken.
     */
    public List<SpecProblem> problems() {
        List<SpecProblem> p = new ArrayList<>();
        if (parallel < 1 || parallel > MAX_PARALLEL) {
            p.add(new SpecProblem("parallel", "must be between 1 and " + MAX_PARALLEL + " jobs queued or running at "
                    + "once, got " + parallel));
        }
        check(p, "partition", partition, NAMES, "a partition name (or a comma-separated list), as sinfo shows them");
        check(p, "account", account, NAME, "an account name, as sacctmgr show associations lists them");
        check(p, "gres", gres, GRES, "e.g. gpu:1 or gpu:a100:2");
        check(p, "time", time, TIME, "minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM:SS or UNLIMITED");
        if (cpusPerTask != null && (cpusPerTask < 1 || cpusPerTask > 100_000)) {
            p.add(new SpecProblem("cpus-per-task", "must be at least 1, got " + cpusPerTask));
        }
        if (poll == null || poll.toMillis() < 100 || poll.toSeconds() > 3600) {
            p.add(new SpecProblem("poll", "must be between 0.1 and 3600 seconds, got "
                    + (poll == null ? "none" : poll.toMillis() / 1000.0 + " s")));
        }
        launcherProblems(p);
        String unsafe = unsafeCharacter(workspace.toString());
        if (unsafe != null) {
            p.add(new SpecProblem("workspace", "cannot be written into a Slurm job script: its path " + workspace
                    + " holds " + unsafe, "use a workspace path without %, double quotes or control characters"));
        }
        return p;
    }

    private void launcherProblems(List<SpecProblem> p) {
        if (launcher.isEmpty() || launcher.get(0).isBlank()) {
            p.add(new SpecProblem("launcher", "is empty", "the joulebench command on the nodes, e.g. "
                    + "/shared/joulebench/joulebench"));
            return;
        }
        for (String word : launcher) {
            if (word.chars().anyMatch(Character::isISOControl)) {
                p.add(new SpecProblem("launcher", "holds a control character"));
                return;
            }
        }
        String program = launcher.get(0);
        if (program.contains("/")) {
            Path exe = Path.of(program);
            if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
                p.add(new SpecProblem("launcher", program + " is not an executable file here",
                        "the nodes run it from the shared filesystem, so it must exist on this machine too"));
            }
        }
    }

    /** The options a trial's job gets besides its name and files: {@code --partition=...} and the like. */
    public List<String> sbatchOptions() {
        List<String> o = new ArrayList<>();
        add(o, "partition", partition);
        add(o, "time", time);
        add(o, "cpus-per-task", cpusPerTask == null ? null : cpusPerTask.toString());
        add(o, "gres", gres);
        add(o, "account", account);
        return o;
    }

    /** The character of a path that cannot go into an {@code #SBATCH} line ({@code %} is a file name pattern there). */
    static String unsafeCharacter(String path) {
        for (char c : path.toCharArray()) {
            if (c == '%' || c == '"' || Character.isISOControl(c)) {
                return Character.isISOControl(c) ? "a control character" : "'" + c + "'";
            }
        }
        return null;
    }

    private static void add(List<String> options, String name, String value) {
        if (value != null) {
            options.add("--" + name + "=" + value);
        }
    }

    private static void check(List<SpecProblem> p, String field, String value, Pattern allowed, String hint) {
        if (value != null && !allowed.matcher(value).matches()) {
            p.add(new SpecProblem(field, "'" + value.replaceAll("\\p{Cntrl}", "?") + "' is not a valid value", hint));
        }
    }
}
