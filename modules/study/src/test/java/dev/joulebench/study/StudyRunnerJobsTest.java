package dev.joulebench.study;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study loop with trials that are cluster jobs: the job id is recorded, a job that died before its run began
 * or was refused is a failed trial saying why, and resume follows a trial recorded with only its job id.
 */
class StudyRunnerJobsTest {
    @TempDir
    Path workspace;

    /** Trials as jobs "50n" that never start a run; trial 1's is refused at submission. */
    static final class DyingJobs implements TrialExecutor {
        final List<String> reattached = new ArrayList<>();
        final boolean canReattach;

        DyingJobs(boolean canReattach) {
            this.canReattach = canReattach;
        }

        @Override
        public String name() {
            return "dying";
        }

        @Override
        public int parallel() {
            return 1;
        }

        @Override
        public TrialRun start(int number, JobSpec spec, Path specFile, IntermediateListener listener) {
            if (number == 1) {
                throw new TrialStartException("Slurm refused the job 1.sbatch: sbatch: error: invalid partition");
            }
            return job("50" + number);
        }

        @Override
        public Optional<TrialRun> reattach(Trial trial, IntermediateListener listener) {
            reattached.add(trial.jobId());
            return canReattach ? Optional.of(job(trial.jobId())) : Optional.empty();
        }

        static TrialRun job(String jobId) {
            return new TrialRun() {
                @Override
                public String id() {
                    return null;
                }

                @Override
                public String jobId() {
                    return jobId;
                }

                @Override
                public String failure() {
                    return "Slurm job " + jobId + " ended NODE_FAIL before its run began";
                }

                @Override
                public void prune() {
                }

                @Override
                public void cancel() {
                }

                @Override
                public CompletableFuture<String> ended() {
                    return CompletableFuture.completedFuture(null);
                }
            };
        }
    }

    StudyDirectory study(int trials) {
        ObjectNode base = (ObjectNode) Json.mapper().valueToTree(TrainSpec.builder().method("bp").dataset("samples")
                .model("mlp:784-16-10").epochs(1).device("cpu").build());
        StudySpec spec = new StudySpec("jobs", base, List.of(Parameter.ofFloat("lr", 1e-4, 1.0, true, "learningRate")),
                null, "random", null, null, "none", null, null, null, null, trials, null, null, 1L);
        return new StudyStore(workspace).create(spec, "dying", Instant.now());
    }

    StudyRecord run(StudyDirectory dir, TrialExecutor executor) throws InterruptedException {
        return new StudyRunner(dir, new RunStore(workspace), executor, MonotonicClock.system(), StudyListener.NONE).run();
    }

    @Test
    void aJobThatDiedBeforeItsRunIsAFailedTrialWithTheExecutorsReasonAndItsJobId() throws Exception {
        StudyDirectory dir = study(3);
        StudyRecord end = run(dir, new DyingJobs(false));

        assertThat(end.stopReason()).contains("trial budget");
        List<Trial> trials = dir.trials();
        assertThat(trials).extracting(Trial::state).containsOnly(TrialState.FAILED);
        assertThat(trials.get(0).jobId()).isEqualTo("500");
        assertThat(trials.get(0).runId()).isNull();
        assertThat(trials.get(0).error()).isEqualTo("Slurm job 500 ended NODE_FAIL before its run began");
        assertThat(trials.get(1).jobId()).isNull();
        assertThat(trials.get(1).error()).isEqualTo("Slurm refused the job 1.sbatch: sbatch: error: invalid partition");
        assertThat(trials.get(2).jobId()).isEqualTo("502");
        assertThat(Json.mapper().readTree(dir.path().resolve("trials.json").toFile()).get(1).has("jobId")).isFalse();
    }

    @Test
    void resumeFollowsATrialRecordedWithOnlyItsJobIdOrSaysWhoCouldFollowIt() throws Exception {
        StudyDirectory dir = study(1);
        dir.write(List.of(Trial.queued(0, Map.of("lr", 0.01)).running(null).withJobId("600")));
        DyingJobs jobs = new DyingJobs(true);
        run(dir, jobs);
        assertThat(jobs.reattached).containsExactly("600");
        assertThat(dir.trials().get(0).error()).isEqualTo("Slurm job 600 ended NODE_FAIL before its run began");

        StudyDirectory other = study(1);
        other.write(List.of(Trial.queued(0, Map.of("lr", 0.01)).running(null).withJobId("601")));
        run(other, new DyingJobs(false));
        assertThat(other.trials().get(0).error()).isEqualTo("its job 601 cannot be followed by the dying executor "
                + "(resume the study with the executor it ran on)");
    }
}
