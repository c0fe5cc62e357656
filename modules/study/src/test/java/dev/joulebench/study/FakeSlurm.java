package dev.joulebench.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for sbatch, squeue, sacct and scancel: bash scripts that keep the "cluster" in files of one folder
 * (named by the environment variable FAKE_SLURM, which {@link SlurmCommands} passes on), so a test plays the
 * node: it sets a job's queue state and accounting end, and writes what the job's run would write.
 * sbatch numbers jobs from 101 and logs its arguments; sacct without --completion says accounting is disabled,
 * as on a cluster without slurmdbd, so the job completion log is asked next; scancel logs the job id.
 */
final class FakeSlurm {
    final Path dir;

    FakeSlurm(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        script("sbatch", """
                echo "$@" >> "$FAKE_SLURM/sbatch.log"
                if [ -f "$FAKE_SLURM/refuse" ]; then cat "$FAKE_SLURM/refuse" >&2; exit 1; fi
                n=$(( $(cat "$FAKE_SLURM/next" 2>/dev/null || echo 100) + 1 ))
                echo $n > "$FAKE_SLURM/next"
                echo PENDING > "$FAKE_SLURM/state.$n"
                echo "$n;cluster"
                """);
        script("squeue", """
                for a in "$@"; do case "$a" in --jobs=*) ids="${a#--jobs=}";; esac; done
                IFS=, read -ra list <<< "$ids"
                for id in "${list[@]}"; do
                  if [ -f "$FAKE_SLURM/state.$id" ]; then echo "$id|$(cat "$FAKE_SLURM/state.$id")"; fi
                done
                exit 0
                """);
        script("sacct", """
                completion=no
                for a in "$@"; do case "$a" in --completion) completion=yes;; --jobs=*) id="${a#--jobs=}";; esac; done
                if [ $completion = no ]; then echo "Slurm accounting storage is disabled" >&2; exit 1; fi
                if [ -f "$FAKE_SLURM/end.$id" ]; then echo "$id|$(cat "$FAKE_SLURM/end.$id")"; fi
                exit 0
                """);
        script("scancel", """
                echo "$1" >> "$FAKE_SLURM/scancel.log"
                """);
    }

    private void script(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    SlurmCommands commands() {
        return SlurmCommands.locate(dir, null, Map.of("FAKE_SLURM", dir.toString()), Duration.ofSeconds(20));
    }

    /** The job's state in squeue; null takes it out of the queue. */
    void queue(String jobId, String state) throws IOException {
        Path f = dir.resolve("state." + jobId);
        if (state == null) {
            Files.deleteIfExists(f);
        } else {
            Files.writeString(f, state + "\n");
        }
    }

    /** How accounting says the job ended, e.g. ("FAILED", "2:0"); the job also leaves the queue. */
    void end(String jobId, String state, String exitCode) throws IOException {
        Files.writeString(dir.resolve("end." + jobId), state + "|" + exitCode + "\n");
        queue(jobId, null);
    }

    void refuseWith(String message) throws IOException {
        Files.writeString(dir.resolve("refuse"), message + "\n");
    }

    List<String> log(String command) throws IOException {
        Path f = dir.resolve(command + ".log");
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }
}
