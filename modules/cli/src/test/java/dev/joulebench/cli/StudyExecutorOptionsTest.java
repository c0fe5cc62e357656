package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.cli.InProcessCli.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code study run --executor ...} refusing what cannot work, with one clear line and exit 2 before a study exists:
 * no Slurm, an unknown executor, Slurm options without Slurm, values sbatch would choke on, an unwritable workspace.
 * None of it needs a cluster.
 */
class StudyExecutorOptionsTest {
    @TempDir
    Path workspace;

    Path spec() throws Exception {
        Path f = workspace.resolve("study.json");
        Files.writeString(f, "{\"base\": " + StudyCommandTest.base("1") + ", \"parameters\": [{\"name\": \"width\", "
                + "\"type\": \"int\", \"low\": 8, \"high\": 16}], \"trials\": 1}");
        return f;
    }

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    @Test
    void withoutSlurmTheSlurmExecutorIsOneLineSayingWhatToDo() throws Exception {
        Path empty = Files.createDirectories(workspace.resolve("no-slurm"));
        Result r = cli("study", "run", spec().toString(), "--executor", "slurm", "--slurm-bin", empty.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("error: sbatch not found in " + empty + ": install Slurm or use --executor local"
                + System.lineSeparator());

        // found on PATH by default: a PATH without Slurm's commands
        HostileJvm.Exit child = HostileJvm.run(workspace.resolve("child"), 60, HostileJvm.command(
                List.of("env", "PATH=" + empty), List.of(), List.of("study", "run", spec().toString(), "--executor",
                        "slurm", "--workspace", workspace.toString())));
        assertThat(child.code()).as(child.shown()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(child.err().strip()).isEqualTo("error: sbatch not found: install Slurm or use --executor local");
        assertThat(workspace.resolve("studies")).doesNotExist();
    }

    @Test
    void anUnknownExecutorAndSlurmOptionsForTheLocalOneAreBadInput() throws Exception {
        Result unknown = cli("study", "run", spec().toString(), "--executor", "pbs");
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err().strip()).isEqualTo("error: --executor must be local or slurm, got 'pbs'");

        Result local = cli("study", "run", spec().toString(), "--partition", "gpu", "--gres", "gpu:1");
        assertThat(local.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(local.err().strip()).isEqualTo("error: --partition, --gres are Slurm options: add --executor slurm, "
                + "or leave them out to run the trials on this machine");
        assertThat(workspace.resolve("studies")).doesNotExist();
    }

    @Test
    void slurmOptionValuesThatCannotWorkAreAllNamedAtOnce() throws Exception {
        Path empty = Files.createDirectories(workspace.resolve("no-slurm"));
        Result r = cli("study", "run", spec().toString(), "--executor", "slurm", "--parallel", "100000", "--time",
                "soon", "--account", "lab\n#SBATCH --uid=0", "--cpus-per-task", "0", "--poll-seconds", "0",
                "--slurm-launcher", "/nowhere/joulebench run", "--slurm-bin", empty.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: Slurm options:")
                .contains("--parallel: must be between 1 and 1000 jobs queued or running at once, got 100000")
                .contains("--time: 'soon' is not a valid value").contains("--account: 'lab?#SBATCH --uid=0' is not a")
                .contains("--cpus-per-task: must be at least 1").contains("--poll-seconds: must be between 0.1 and 3600")
                .contains("--slurm-launcher: /nowhere/joulebench is not an executable file here")
                .doesNotContain("sbatch not found").doesNotContain("Exception");
    }

    @Test
    void aWorkspaceWhereNoStudyFolderCanBeMadeIsBadInput() throws Exception {
        Path ws = workspace.resolve("ws");
        Files.createDirectories(ws);
        Files.writeString(ws.resolve("studies"), "a file where the studies folder belongs");
        Result r = InProcessCli.run(ws, "study", "run", spec().toString(), "--no-energy");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: ").contains(ws.resolve("studies").toString())
                .endsWith("; give a writable --workspace").doesNotContain("\n");
    }
}
