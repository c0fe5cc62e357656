package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code joulebench study run --executor slurm} on a real one-node Slurm cluster started for these tests
 * ({@link SlurmTestCluster}): the study runs in a child JVM with SLURM_CONF pointing at the cluster, each trial
 * is an sbatch job running {@code joulebench run} through the default launcher on the shared workspace.
 */
class SlurmClusterTest {
    @TempDir
    static Path clusterDir;

    static SlurmTestCluster cluster;

    @TempDir
    Path workspace;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = SlurmTestCluster.start(clusterDir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    Path spec(String name, String dataset, int trials) throws Exception {
        Path f = workspace.resolve(name + ".json");
        Files.writeString(f, "{\"name\": \"" + name + "\", \"base\": {\"kind\": \"train\", \"method\": \"bp\", "
                + "\"dataset\": \"" + dataset + "\", \"model\": \"mlp:784-${width}-10\", \"epochs\": 2, "
                + "\"limitTrain\": 800, \"device\": \"cpu\"}, \"parameters\": ["
                + "{\"name\": \"lr\", \"type\": \"float\", \"low\": 1e-3, \"high\": 0.1, \"log\": true, \"field\": \"learningRate\"},"
                + "{\"name\": \"width\", \"type\": \"int\", \"low\": 8, \"high\": 32, \"step\": 8}],"
                + "\"sampler\": \"random\", \"trials\": " + trials + ", \"seed\": 3}");
        return f;
    }

    /** {@code joulebench ARGS --workspace W} in a child JVM that reaches the test cluster. */
    HostileJvm.Exit study(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--workspace", workspace.toString()));
        Path out = workspace.resolve("cli-" + System.nanoTime());
        Files.createDirectories(out);
        ProcessBuilder pb = new ProcessBuilder(HostileJvm.command(List.of(), List.of(), all))
                .redirectOutput(out.resolve("out.txt").toFile()).redirectError(out.resolve("err.txt").toFile());
        pb.environment().putAll(cluster.environment());
        Process p = pb.start();
        if (!p.waitFor(150, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new HostileJvm.Exit(-1, HostileJvm.read(out.resolve("out.txt")),
                    HostileJvm.read(out.resolve("err.txt")) + "\n(killed after 150 s)" + cluster.logs());
        }
        return HostileJvm.exit(out, p.exitValue());
    }

    @Test
    void aStudyRunsEachTrialAsASlurmJobAndRecordsItsRunAndJob() throws Exception {
        HostileJvm.Exit r = study("study", "run", spec("cluster", "samples", 3).toString(), "--executor", "slurm",
                "--parallel", "2", "--poll-seconds", "1", "--partition", "debug", "--time", "10", "--cpus-per-task", "1",
                "--no-energy", "--json");
        assertThat(r.code()).as(r.shown()).isZero();
        JsonNode out = Json.mapper().readTree(r.out());
        assertThat(out.path("study").path("status").asText()).isEqualTo("finished");
        assertThat(out.path("study").path("executor").asText()).isEqualTo("slurm");
        Path studyDir = workspace.resolve("studies").resolve(out.path("study").path("id").asText());
        Set<String> jobs = new HashSet<>();
        for (JsonNode t : out.path("trials")) {
            int n = t.path("number").asInt();
            assertThat(t.path("state").asText()).as(t.toString()).isEqualTo("finished");
            String jobId = t.path("jobId").asText();
            assertThat(jobId).matches("\\d+");
            jobs.add(jobId);
            String run = t.path("runId").asText();
            JsonNode record = Json.mapper().readTree(workspace.resolve("runs").resolve(run).resolve("run.json").toFile());
            assertThat(record.path("status").asText()).isEqualTo("finished");
            assertThat(record.path("spec").path("threads").asInt()).isEqualTo(1);
            assertThat(t.path("values").get(0).asDouble())
                    .isEqualTo(record.path("summary").path("val/best_accuracy").asDouble());
            assertThat(t.path("intermediate")).hasSize(2);
            Path trials = studyDir.resolve("trials");
            assertThat(Files.readString(trials.resolve(n + ".run")).strip()).isEqualTo(run);
            assertThat(Files.readAllLines(trials.resolve(n + ".sbatch"))).contains("#SBATCH --partition=debug",
                    "#SBATCH --time=10", "#SBATCH --cpus-per-task=1", "#SBATCH --job-name=jb-" + studyDir.getFileName()
                            + "-" + n);
            assertThat(Files.readString(trials.resolve(n + ".out"))).contains("run " + run + " finished");
            // Slurm's own record of the job: what sacct reads without an accounting database
            assertThat(cluster.output("sacct", "--completion", "--noheader", "--parsable2", "--jobs=" + jobId,
                    "--format=JobID,State")).contains(jobId + "|COMPLETED");
        }
        assertThat(jobs).hasSize(3);
        assertThat(r.err()).contains("trial 0 started").contains("(Slurm job ");
    }

    @Test
    void aJobWhoseRunCannotStartOnTheNodeIsAFailedTrialWithSlurmsStateAndTheRunsError() throws Exception {
        HostileJvm.Exit r = study("study", "run", spec("broken", "/nowhere/joulebench-data", 1).toString(),
                "--executor", "slurm", "--poll-seconds", "1", "--no-energy", "--json");
        assertThat(r.code()).as(r.shown()).isEqualTo(ExitCodes.JOB_FAILED);
        JsonNode trial = Json.mapper().readTree(r.out()).path("trials").get(0);
        assertThat(trial.path("state").asText()).isEqualTo("failed");
        assertThat(trial.has("runId")).isFalse();
        assertThat(trial.path("error").asText()).startsWith("Slurm job " + trial.path("jobId").asText()
                + " ended FAILED (exit code 2) before its run began: error: Invalid train spec:")
                .contains("Unknown dataset '/nowhere/joulebench-data'").endsWith("(trials/0.err)");
    }

    @Test
    void optionsSlurmRefusesAreBadInputBeforeAnyStudyExists() throws Exception {
        HostileJvm.Exit r = study("study", "run", spec("refused", "samples", 1).toString(), "--executor", "slurm",
                "--partition", "nope", "--gres", "gpu:1");
        assertThat(r.code()).as(r.shown()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).startsWith("error: Slurm would refuse the trials' jobs with --partition=nope "
                + "--gres=gpu:1: sbatch: error: ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(workspace.resolve("studies")).doesNotExist();
    }
}
