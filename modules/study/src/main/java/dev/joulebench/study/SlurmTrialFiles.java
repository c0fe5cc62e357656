package dev.joulebench.study;

import dev.joulebench.core.store.AtomicFiles;
import dev.joulebench.core.store.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Slurm trial's files in the study folder, beside its run spec {@code trials/<n>.json}: the job script
 * {@code <n>.sbatch}, the job's {@code <n>.out} and {@code <n>.err}, the run id the job writes to {@code <n>.run}
 * once its run exists, and {@code <n>.stop}, where the study writes {@code prune} or {@code cancel}.
 */
record SlurmTrialFiles(Path trials, int number) {
    /** The most of a job's error output that goes into a trial's error. */
    static final int MAX_REASON = 600;

    Path spec() {
        return file(".json");
    }

    Path script() {
        return file(".sbatch");
    }

    Path out() {
        return file(".out");
    }

    Path err() {
        return file(".err");
    }

    Path runIdFile() {
        return file(".run");
    }

    Path stopFile() {
        return file(".stop");
    }

    private Path file(String suffix) {
        return trials.resolve(number + suffix);
    }

    /** What the study folder calls the file, for messages: {@code trials/3.err}. */
    String shown(Path f) {
        return trials.getFileName() + "/" + f.getFileName();
    }

    /**
     * Writes the job script: the #SBATCH lines, then {@code exec launcher run SPEC --workspace W --id-file ...
     * --stop-file ...} with every word single-quoted for bash, so no value is read as shell syntax.
     */
    void writeScript(String jobName, SlurmSettings s) {
        for (Path p : List.of(trials, spec())) {
            String unsafe = SlurmSettings.unsafeCharacter(p.toString());
            if (unsafe != null) {
                throw new TrialStartException("the study folder " + p + " holds " + unsafe
                        + ", which an #SBATCH line cannot carry; use a workspace path without it");
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("#SBATCH --job-name=" + jobName);
        lines.add("#SBATCH --output=" + sbatchValue(out()));
        lines.add("#SBATCH --error=" + sbatchValue(err()));
        lines.add("#SBATCH --chdir=" + sbatchValue(trials));
        s.sbatchOptions().forEach(o -> lines.add("#SBATCH " + o));
        lines.add("# Trial " + number + " of a Joulebench study, written by `joulebench study`. The run writes its id to");
        lines.add("# " + runIdFile().getFileName() + " once its folder exists; the study stops it early by writing prune or "
                + "cancel to " + stopFile().getFileName() + ".");
        List<String> command = new ArrayList<>(s.launcher());
        command.addAll(List.of("run", spec().toString(), "--workspace", s.workspace().toString(),
                "--id-file", runIdFile().toString(), "--stop-file", stopFile().toString()));
        command.addAll(s.runOptions());
        lines.add("exec " + String.join(" ", command.stream().map(SlurmTrialFiles::shellWord).toList()));
        try {
            Files.createDirectories(trials);
            for (Path stale : List.of(out(), err(), runIdFile(), stopFile())) {
                Files.deleteIfExists(stale);
            }
            AtomicFiles.writeString(script(), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(FileErrors.describe("write", script(), e), e);
        }
    }

    /** The run id the job wrote, or null while there is none. */
    String runId() {
        try {
            String id = Files.readString(runIdFile(), StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }

    /** Asks the trial's run to stop: {@code prune} or {@code cancel} (written whole, so never read half-written). */
    void requestStop(String word) throws IOException {
        AtomicFiles.writeString(stopFile(), word + "\n");
    }

    /**
     * What the job's error output says most: its last line with "error" in it (Joulebench's {@code error:} line with
     * the indented lines under it, slurmstepd's {@code *** JOB 12 CANCELLED ... DUE TO TIME LIMIT ***}), else its
     * last line; null when the job wrote nothing there.
     */
    String errorLine() {
        List<String> lines;
        try {
            lines = Files.readAllLines(err(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        int last = -1;
        int error = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty()) {
                last = i;
                if (l.toLowerCase(java.util.Locale.ROOT).contains("error") || l.contains("***")) {
                    error = i;
                }
            }
        }
        int pick = error >= 0 ? error : last;
        if (pick < 0) {
            return null;
        }
        StringBuilder text = new StringBuilder(lines.get(pick).strip());
        for (int i = pick + 1; i < lines.size() && !lines.get(i).isBlank()
                && Character.isWhitespace(lines.get(i).charAt(0)); i++) {
            text.append(' ').append(lines.get(i).strip());
        }
        return text.length() <= MAX_REASON ? text.toString() : text.substring(0, MAX_REASON) + "...";
    }

    /** A path as an #SBATCH value: double-quoted when it holds a space (sbatch reads quotes there). */
    private static String sbatchValue(Path p) {
        String s = p.toString();
        return s.chars().anyMatch(Character::isWhitespace) ? "\"" + s + "\"" : s;
    }

    /** A word bash reads back as exactly itself. */
    static String shellWord(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
