package dev.joulebench.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.spec.SpecProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor against {@link FakeSlurm}: the job script it submits, the states it follows, the metrics it
 * reads while a job runs, how a job's end becomes the trial's, and prune, cancel and resume.
 */
class SlurmExecutorTest {
    @TempDir
    Path tmp;

    FakeSlurm slurm;
    Path workspace;
    StudyDirectory study;
    Path launcher;
    SlurmExecutor executor;
    final List<String> reported = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        slurm = new FakeSlurm(tmp.resolve("slurm"));
        workspace = tmp.resolve("work space");
        study = new StudyDirectory("20240101-000000-study-tiny-ab12", workspace.resolve("studies/20240101-000000-study-tiny-ab12"));
        Files.createDirectories(study.path().resolve("trials"));
        launcher = tmp.resolve("bin/joulebench");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void tearDown() {
        if (executor != null) {
            executor.close();
        }
    }

    SlurmSettings settings(String partition, String time, Integer cpus, String gres, String account, int parallel) {
        return new SlurmSettings(List.of(launcher.toString(), "--opt", "it's"), workspace, List.of("--no-energy"),
                partition, time, cpus, gres, account, parallel, Duration.ofMillis(100), Duration.ofMillis(300));
    }

    SlurmExecutor executor(SlurmSettings s) {
        executor = new SlurmExecutor(slurm.commands(), s, study, "val/accuracy");
        return executor;
    }

    Path specFile(int number) throws IOException {
        Path f = study.path().resolve("trials/" + number + ".json");
        Files.writeString(f, "{}");
        return f;
    }

    TrialExecutor.TrialRun start(int number) throws IOException {
        return executor.start(number, null, specFile(number), (epoch, v) -> reported.add(epoch + "=" + v));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** What the job's run writes on the shared filesystem: its id, then metrics lines. */
    void runWrites(int number, String runId, String metrics) throws IOException {
        Files.writeString(study.path().resolve("trials/" + number + ".run"), runId + "\n");
        Path dir = workspace.resolve("runs").resolve(runId);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.jsonl"), metrics, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    static String metric(String name, int epoch, double value) {
        return "{\"t\":1.0,\"step\":" + (epoch + 1) + ",\"epoch\":" + epoch + ",\"name\":\"" + name + "\",\"value\":"
                + value + "}\n";
    }

    @Test
    void eachTrialIsAJobWhoseScriptRunsJoulebenchOnItsSpecInTheSharedWorkspace() throws Exception {
        executor(settings("debug", "10", 2, "gpu:1", "lab", 4));
        TrialExecutor.TrialRun run = start(3);

        assertThat(run.jobId()).isEqualTo("101");
        assertThat(run.id()).isNull();
        Path trials = study.path().resolve("trials");
        assertThat(slurm.log("sbatch")).containsExactly("--parsable " + trials.resolve("3.sbatch"));
        List<String> script = Files.readAllLines(trials.resolve("3.sbatch"));
        assertThat(script.get(0)).isEqualTo("#!/bin/bash");
        assertThat(script).contains("#SBATCH --job-name=jb-20240101-000000-study-tiny-ab12-3",
                "#SBATCH --output=\"" + trials.resolve("3.out") + "\"", "#SBATCH --error=\"" + trials.resolve("3.err") + "\"",
                "#SBATCH --partition=debug", "#SBATCH --time=10", "#SBATCH --cpus-per-task=2", "#SBATCH --gres=gpu:1",
                "#SBATCH --account=lab");
        assertThat(script.get(script.size() - 1)).isEqualTo("exec '" + launcher + "' '--opt' 'it'\\''s' 'run' '"
                + trials.resolve("3.json") + "' '--workspace' '" + workspace + "' '--id-file' '" + trials.resolve("3.run")
                + "' '--stop-file' '" + trials.resolve("3.stop") + "' '--no-energy'");
        // bash reads the exec line back as the same words
        Process p = new ProcessBuilder("bash", "-c", "set -- " + script.get(script.size() - 1).substring(5)
                + "; printf '%s\\n' \"$@\"").start();
        assertThat(new String(p.getInputStream().readAllBytes()).lines().toList().subList(0, 4))
                .containsExactly(launcher.toString(), "--opt", "it's", "run");
    }

    @Test
    void aRunningJobsMetricsArriveAsTheyAreWrittenAndItsEndCarriesTheRunId() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        TrialExecutor.TrialRun run = start(0);
        slurm.queue("101", "RUNNING");
        runWrites(0, "20240101-000001-train-bp-0001", metric("val/accuracy", 0, 0.5) + metric("train/loss", 0, 2.0)
                + "{\"t\":2.0,\"step\":2,\"epoch\":1,\"name\":\"val/acc");
        await(() -> reported.size() == 1, "epoch 0's value");
        assertThat(run.id()).isEqualTo("20240101-000001-train-bp-0001");
        Thread.sleep(300);
        assertThat(reported).containsExactly("0=0.5"); // the half-written line waits
        runWrites(0, "20240101-000001-train-bp-0001", "uracy\",\"value\":0.75}\n");
        await(() -> reported.size() == 2, "epoch 1's value");
        assertThat(run.ended()).isNotDone();

        slurm.end("101", "COMPLETED", "0:0");
        assertThat(run.ended().get(15, TimeUnit.SECONDS)).isEqualTo("20240101-000001-train-bp-0001");
        assertThat(run.failure()).isNull();
        assertThat(reported).containsExactly("0=0.5", "1=0.75");
    }

    @Test
    void aJobThatDiesBeforeItsRunBeganEndsWithoutARunAndSaysWhyFromAccountingAndItsErrorOutput() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        TrialExecutor.TrialRun run = start(1);
        Files.writeString(study.path().resolve("trials/1.err"), "loading\nerror: Invalid train spec:\n"
                + "  - dataset: Unknown dataset '/nowhere'\n\nlater\n");
        slurm.end("101", "FAILED", "2:0");
        assertThat(run.ended().get(15, TimeUnit.SECONDS)).isNull();
        assertThat(run.failure()).isEqualTo("Slurm job 101 ended FAILED (exit code 2) before its run began: "
                + "error: Invalid train spec: - dataset: Unknown dataset '/nowhere' (trials/1.err)");

        // a run that began and was killed by its time limit: the run id, and Slurm's word next to it
        TrialExecutor.TrialRun late = start(2);
        runWrites(2, "20240101-000002-train-bp-0002", "");
        Files.writeString(study.path().resolve("trials/2.err"),
                "slurmstepd: error: *** JOB 102 ON vm CANCELLED AT 2024-01-01T00:10:00 DUE TO TIME LIMIT ***\n");
        slurm.end("102", "TIMEOUT", "0:15");
        assertThat(late.ended().get(15, TimeUnit.SECONDS)).isEqualTo("20240101-000002-train-bp-0002");
        assertThat(late.failure()).startsWith("Slurm job 102 ended TIMEOUT (signal 15): slurmstepd: error: ***")
                .contains("DUE TO TIME LIMIT").doesNotContain("before its run began");
    }

    @Test
    void aJobThatVanishesWithoutAnyRecordEndsAfterAFewPollsAsUnknown() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        TrialExecutor.TrialRun run = start(0);
        slurm.queue("101", null);
        assertThat(run.ended().get(15, TimeUnit.SECONDS)).isNull();
        assertThat(run.failure()).isEqualTo("Slurm job 101 left the queue and Slurm's accounting has no record of how "
                + "it ended before its run began");
    }

    @Test
    void pruneAndCancelGoThroughTheStopFileAndAJobStillRunningAfterTheGraceIsScancelled() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        TrialExecutor.TrialRun run = start(0);
        slurm.queue("101", "RUNNING");
        await(() -> "RUNNING".equals(((SlurmTrialJob) run).state()), "the job to run");
        Path stop = study.path().resolve("trials/0.stop");

        run.prune();
        assertThat(Files.readString(stop)).isEqualTo("prune\n");
        run.cancel();
        run.cancel();
        assertThat(Files.readString(stop)).isEqualTo("cancel\n");
        assertThat(slurm.log("scancel")).isEmpty(); // the run gets its grace to stop by itself
        await(() -> !logQuietly("scancel").isEmpty(), "scancel after the grace period");
        assertThat(slurm.log("scancel")).containsExactly("101");

        // a job that has not started is scancelled at once
        TrialExecutor.TrialRun pending = start(1);
        pending.cancel();
        assertThat(slurm.log("scancel")).containsExactly("101", "102");
    }

    private List<String> logQuietly(String command) {
        try {
            return slurm.log(command);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    void sbatchRefusingTheJobIsATrialStartExceptionWithItsOwnWords() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        slurm.refuseWith("sbatch: error: Batch job submission failed: Invalid account or account/partition combination");
        assertThatThrownBy(() -> start(0)).isInstanceOf(TrialStartException.class)
                .hasMessage("Slurm refused the job 0.sbatch: sbatch: error: Batch job submission failed: Invalid "
                        + "account or account/partition combination");
    }

    @Test
    void resumeFollowsAJobStillQueuedAndEndsOneThatFinishedWhileTheStudyWasAway() throws Exception {
        executor(settings(null, null, null, null, null, 4));
        runWrites(4, "20240101-000004-train-bp-0004", metric("val/accuracy", 0, 0.25));
        slurm.end("77", "COMPLETED", "0:0");
        Trial away = Trial.queued(4, java.util.Map.of("lr", 0.1)).withJobId("77");
        Optional<TrialExecutor.TrialRun> again = executor.reattach(away, (e, v) -> reported.add(e + "=" + v));
        assertThat(again).isPresent();
        assertThat(again.get().ended().get(15, TimeUnit.SECONDS)).isEqualTo("20240101-000004-train-bp-0004");
        assertThat(reported).containsExactly("0=0.25");

        slurm.queue("78", "RUNNING");
        TrialExecutor.TrialRun running = executor.reattach(Trial.queued(5, java.util.Map.of()).withJobId("78"),
                (e, v) -> { }).orElseThrow();
        await(() -> "RUNNING".equals(((SlurmTrialJob) running).state()), "job 78 followed");
        assertThat(running.ended()).isNotDone();
        assertThat(executor.reattach(Trial.queued(6, java.util.Map.of()).running("local-run"), (e, v) -> { })).isEmpty();
    }

    @Test
    void settingsWithValuesSlurmWouldNotTakeOrThatWouldBreakTheScriptAreRefusedEachByName() {
        SlurmSettings bad = new SlurmSettings(List.of(tmp.resolve("missing").toString()), tmp.resolve("a%b"), List.of(),
                "debug\n#SBATCH --uid=0", "ten minutes", 0, "gpu:1 --x", "lab;rm", 0, Duration.ofMillis(5),
                Duration.ofSeconds(1));
        assertThat(bad.problems()).extracting(SpecProblem::field).containsExactlyInAnyOrder("parallel", "partition",
                "account", "gres", "time", "cpus-per-task", "poll", "launcher", "workspace");
        assertThat(bad.problems().toString()).contains("'debug?#SBATCH --uid=0' is not a valid value")
                .contains("is not an executable file here").contains("must be between 1 and 1000");
        assertThatThrownBy(() -> new SlurmExecutor(slurm.commands(), bad, study, "val/accuracy"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time: 'ten minutes'");
        for (String time : List.of("30", "1:30", "2:00:00", "1-0", "1-12:30", "1-12:30:00", "UNLIMITED")) {
            assertThat(settings(null, time, null, null, null, 1).problems()).as(time).isEmpty();
        }
    }

    @Test
    void theCommandsAreFoundInTheGivenFolderOrOnThePathAndAMissingSbatchSaysWhatToDo() throws IOException {
        assertThat(SlurmCommands.find("sbatch", null, "/nowhere:" + slurm.dir)).contains(slurm.dir.resolve("sbatch"));
        assertThat(SlurmCommands.find("sbatch", null, "/nowhere")).isEmpty();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> SlurmCommands.locate(null, empty.toString(), java.util.Map.of(), Duration.ofSeconds(1)))
                .hasMessage("sbatch not found: install Slurm or use --executor local");
        assertThatThrownBy(() -> SlurmCommands.locate(empty, null, java.util.Map.of(), Duration.ofSeconds(1)))
                .hasMessage("sbatch not found in " + empty + ": install Slurm or use --executor local");
        assertThat(SlurmCommands.baseState("CANCELLED by 0")).isEqualTo("CANCELLED");
        assertThat(SlurmCommands.baseState("COMPLETED+")).isEqualTo("COMPLETED");
    }
}
