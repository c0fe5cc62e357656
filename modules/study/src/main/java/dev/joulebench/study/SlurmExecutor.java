package dev.joulebench.study;

import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each trial as a Slurm job: {@code sbatch trials/<n>.sbatch}, whose script runs {@code joulebench run
 * trials/<n>.json} on the shared workspace. One named thread polls: squeue for the jobs' states, each run's
 * metrics.jsonl (read on from the last poll) for the intermediate values, and once a job has left the queue,
 * sacct for how it ended. Pruning and cancelling go through the trial's stop file, which the run on the node
 * reads each second; a cancelled job that has not stopped after the grace period, or has not started yet, is
 * scancelled. Jobs outlive the study process: {@link #reattach} follows them again on resume.
 */
public final class SlurmExecutor implements TrialExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SlurmExecutor.class);
    /** States of a job that has not started running, so a cancel need not wait for its run to stop. */
    private static final Set<String> NOT_STARTED = Set.of("SUBMITTED", "PENDING", "CONFIGURING", "REQUEUED");
    /** Polls after a job left the queue before an end that accounting does not know is taken as unknown. */
    private static final int UNACCOUNTED_POLLS = 3;

    private final SlurmCommands slurm;
    private final SlurmSettings settings;
    private final StudyDirectory study;
    private final String metric;
    private final Path runsDir;
    private final Map<String, SlurmTrialJob> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;
    private final SlurmTrialJob.Control control = new SlurmTrialJob.Control() {
        @Override
        public void prune(SlurmTrialJob job) {
            requestStop(job, "prune");
        }

        @Override
        public void cancel(SlurmTrialJob job) {
            if (!requestStop(job, "cancel") || NOT_STARTED.contains(job.state())) {
                scancel(job);
            } else {
                poller.schedule(() -> {
                    if (jobs.containsKey(job.jobId())) {
                        LOG.info("job {} still runs {} s after its cancel; scancel", job.jobId(),
                                settings.cancelGrace().toSeconds());
                        scancel(job);
                    }
                }, settings.cancelGrace().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    };
    private volatile boolean queueTrouble;

    /**
     * @param study  the study whose trials run (its folder holds the job scripts and outputs)
     * @param metric the intermediate metric (per epoch) to report
     * @throws IllegalArgumentException listing every problem of the settings
     */
    public SlurmExecutor(SlurmCommands slurm, SlurmSettings settings, StudyDirectory study, String metric) {
        List<SpecProblem> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream().map(SpecProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        this.slurm = slurm;
        this.settings = settings;
        this.study = study;
        this.metric = metric;
        this.runsDir = settings.workspace().resolve("runs");
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "joulebench-slurm-poll");
            t.setDaemon(true);
            return t;
        });
        long every = settings.poll().toMillis();
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public int parallel() {
        return settings.parallel();
    }

    /** The job's name in squeue: {@code jb-<study id>-<trial number>}. */
    String jobName(int number) {
        return "jb-" + study.id() + "-" + number;
    }

    @Override
    public TrialRun start(int number, JobSpec spec, Path specFile, IntermediateListener listener) {
        SlurmTrialFiles files = new SlurmTrialFiles(specFile.toAbsolutePath().getParent(), number);
        files.writeScript(jobName(number), settings);
        String jobId = slurm.submit(files.script());
        SlurmTrialJob job = new SlurmTrialJob(jobId, files, runsDir, metric, listener, control);
        jobs.put(jobId, job);
        LOG.info("study {}: trial {} is Slurm job {}", study.id(), number, jobId);
        return job;
    }

    /** A trial with a job id is followed again: still queued or running, or ended while the study was away. */
    @Override
    public Optional<TrialRun> reattach(Trial trial, IntermediateListener listener) {
        if (trial.jobId() == null) {
            return Optional.empty();
        }
        SlurmTrialFiles files = new SlurmTrialFiles(study.path().resolve("trials"), trial.number());
        SlurmTrialJob job = new SlurmTrialJob(trial.jobId(), files, runsDir, metric, listener, control);
        jobs.put(trial.jobId(), job);
        LOG.info("study {}: following trial {}'s Slurm job {} again", study.id(), trial.number(), trial.jobId());
        return Optional.of(job);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("study {}: polling Slurm failed, trying again: {}", study.id(), e.toString());
        }
    }

    /** One round: every job's progress, the queue's states, and the end of each job that has left. */
    void poll() {
        if (jobs.isEmpty()) {
            return;
        }
        List<SlurmTrialJob> current = List.copyOf(jobs.values());
        current.forEach(SlurmTrialJob::readProgress);
        Map<String, String> states;
        try {
            states = slurm.states(current.stream().map(SlurmTrialJob::jobId).toList());
        } catch (IllegalStateException e) {
            if (!queueTrouble) {
                LOG.warn("study {}: {}; the jobs are followed again once squeue answers", study.id(), e.getMessage());
            }
            queueTrouble = true;
            return;
        }
        queueTrouble = false;
        for (SlurmTrialJob job : current) {
            String queued = states.get(job.jobId());
            if (queued != null && !SlurmCommands.ENDED_STATES.contains(queued)) {
                job.state(queued);
                job.unaccounted = 0;
                continue;
            }
            Optional<SlurmCommands.JobEnd> accounted = slurm.accounting(job.jobId());
            String state = accounted.map(SlurmCommands.JobEnd::state).filter(SlurmCommands.ENDED_STATES::contains)
                    .orElse(queued);
            if (state == null && ++job.unaccounted < UNACCOUNTED_POLLS) {
                continue; // left the queue a moment ago; accounting may not have it yet
            }
            finish(job, state, accounted.map(SlurmCommands.JobEnd::exitCode).orElse(null));
        }
    }

    private void finish(SlurmTrialJob job, String state, String exitCode) {
        job.readProgress(); // the run's last metrics and, for a job quicker than one poll, its run id
        jobs.remove(job.jobId());
        job.state(state == null ? "UNKNOWN" : state);
        String why = failure(job, state, exitCode);
        LOG.info("study {}: trial {}'s job {} ended {}{}", study.id(), job.number(), job.jobId(), job.state(),
                why == null ? "" : ": " + why);
        job.end(why);
    }

    /** Why the job went wrong, for the trial's error; null for a job that completed with its run. */
    static String failure(SlurmTrialJob job, String state, String exitCode) {
        boolean noRun = job.id() == null;
        if ("COMPLETED".equals(state) && !noRun) {
            return null;
        }
        SlurmTrialFiles f = job.files();
        StringBuilder s = new StringBuilder("Slurm job ").append(job.jobId());
        s.append(state == null ? " left the queue and Slurm's accounting has no record of how it ended"
                : " ended " + state + exit(exitCode));
        if (noRun) {
            s.append("COMPLETED".equals(state) ? " but started no run (nothing in " + f.shown(f.runIdFile())
                    + "; is --slurm-launcher a joulebench command?)" : " before its run began");
        }
        String err = f.errorLine();
        if (err != null) {
            s.append(": ").append(err).append(" (").append(f.shown(f.err())).append(')');
        }
        return s.toString();
    }

    /** Slurm's {@code exit:signal} as words; empty for 0:0 or an unknown code. */
    private static String exit(String code) {
        if (code == null || !code.matches("\\d+:\\d+")) {
            return "";
        }
        String[] p = code.split(":");
        return !p[1].equals("0") ? " (signal " + p[1] + ")" : !p[0].equals("0") ? " (exit code " + p[0] + ")" : "";
    }

    /** Writes the stop file; false when it cannot be written (the caller then scancels instead). */
    private boolean requestStop(SlurmTrialJob job, String word) {
        try {
            job.files().requestStop(word);
            return true;
        } catch (IOException e) {
            LOG.warn("study {}: cannot ask job {} to {}: {}", study.id(), job.jobId(), word, e.getMessage());
            return false;
        }
    }

    private void scancel(SlurmTrialJob job) {
        try {
            slurm.cancel(job.jobId());
        } catch (IllegalStateException e) {
            LOG.warn("study {}: {}", study.id(), e.getMessage());
        }
    }

    /**
     * Stops polling. Jobs the study cancelled are scancelled now (their grace period would otherwise be lost
     * with the poll thread); the others go on and a resumed study follows them again.
     */
    @Override
    public void close() {
        for (SlurmTrialJob job : List.copyOf(jobs.values())) {
            if (job.cancelRequested()) {
                scancel(job);
            }
        }
        poller.shutdownNow();
    }
}
