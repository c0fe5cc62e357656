package dev.joulebench.study;

import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one study to its budget: samples a trial, starts its run on the executor, prunes it from its
 * intermediate values, records its end, and keeps {@code parallel} trials going. Everything is saved in the
 * study folder after each change, so {@link #run()} on a stopped study (resume) continues where it stopped:
 * finished trials are kept, none is repeated, a trial whose run died with the study is recorded as failed, and
 * with one trial at a time the same seed gives the same sequence of trials.
 *
 * <p>The loop runs on the caller's thread; executors report through a queue, so trials are only touched here.
 */
public final class StudyRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StudyRunner.class);

    private sealed interface Report {
        record Intermediate(int number, int epoch, double value) implements Report { }

        /** @param failure the executor's word on a job that went wrong ({@link TrialExecutor.TrialRun#failure()}) */
        record Ended(int number, String runId, String failure) implements Report { }
    }

    private final StudyDirectory dir;
    private final StudySpec spec;
    private final TrialExecutor executor;
    private final TrialResults results;
    private final MonotonicClock clock;
    private final StudyListener listener;
    private final Sampler sampler;
    private final Pruner pruner;
    private final SearchSpace space;
    private final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();
    private final Map<Integer, TrialExecutor.TrialRun> active = new HashMap<>();
    private final Set<Integer> pruning = new HashSet<>();
    private final List<Trial> trials = new ArrayList<>();
    private volatile boolean cancelled;

    public StudyRunner(StudyDirectory dir, RunStore runs, TrialExecutor executor, MonotonicClock clock,
                       StudyListener listener) {
        this.dir = dir;
        this.spec = dir.record().spec();
        this.executor = executor;
        this.results = new TrialResults(runs, spec);
        this.clock = clock;
        this.listener = listener;
        this.sampler = Sampler.of(spec);
        this.pruner = Pruner.of(spec);
        this.space = spec.space();
    }

    /** Asks the study to stop: running trials are cancelled, the study is marked stopped and can be resumed. */
    public void cancel() {
        cancelled = true;
        reports.add(new Report.Ended(-1, null, null));
    }

    /** Runs (or resumes) the study until its budget is used or it is cancelled; returns its final record. */
    public StudyRecord run() throws InterruptedException {
        StudyRecord record = dir.record().withExecutor(executor.name());
        double before = record.seconds();
        double start = seconds();
        trials.addAll(dir.trials());
        reconcile();
        dir.write(record.with(StudyRecord.RUNNING, null, clock.now().toString(), before));
        String stop = null;
        try {
            while (true) {
                double elapsed = before + seconds() - start;
                stop = cancelled ? "cancelled" : budgetReached(elapsed);
                while (stop == null && active.size() < executor.parallel()) {
                    startNext();
                    stop = budgetReached(before + seconds() - start);
                }
                if (active.isEmpty()) {
                    break;
                }
                if (cancelled) {
                    active.values().forEach(TrialExecutor.TrialRun::cancel);
                }
                handle(reports.take());
            }
        } finally {
            if (!active.isEmpty()) {
                active.values().forEach(TrialExecutor.TrialRun::cancel);
            }
            double total = before + seconds() - start;
            String status = stop == null || "cancelled".equals(stop) ? StudyRecord.STOPPED : StudyRecord.FINISHED;
            StudyRecord ended = record.with(status, stop == null ? "stopped by an error" : stop, clock.now().toString(), total);
            dir.write(ended);
            record = ended;
        }
        return record;
    }

    private double seconds() {
        return clock.nanoTime() / 1e9;
    }

    /** Trials left running or queued by a study that stopped: picked up again where the executor can, else failed. */
    private void reconcile() {
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            if (t.state().ended()) {
                continue;
            }
            if (t.runId() != null || t.jobId() != null) {
                int number = t.number();
                var again = executor.reattach(t, (epoch, v) -> reports.add(new Report.Intermediate(number, epoch, v)));
                if (again.isPresent()) {
                    follow(number, again.get());
                    continue;
                }
            }
            if (t.runId() != null) {
                trials.set(i, results.ended(t, t.runId(), null));
            } else if (t.jobId() != null) {
                String why = "its job " + t.jobId() + " cannot be followed by the " + executor.name()
                        + " executor (resume the study with the executor it ran on)";
                trials.set(i, t.ended(TrialState.FAILED, List.of(), why, null, null));
            } else {
                trials.set(i, t.ended(TrialState.FAILED, List.of(), "the study stopped before its run started",
                        null, null));
            }
        }
        dir.write(trials);
    }

    /** Why no further trial starts, or null while the budget allows one. */
    private String budgetReached(double elapsed) {
        if (trials.size() >= spec.trials()) {
            return "trial budget reached (" + spec.trials() + ")";
        }
        OptionalLong grid = sampler.size(space);
        if (grid.isPresent() && trials.size() >= grid.getAsLong()) {
            return "grid exhausted (" + grid.getAsLong() + " points)";
        }
        if (spec.maxSeconds() != null && elapsed >= spec.maxSeconds()) {
            return String.format(java.util.Locale.ROOT, "time budget reached (%.0f s)", spec.maxSeconds());
        }
        double kwh = trials.stream().mapToDouble(t -> t.kwh() == null ? 0 : t.kwh()).sum();
        if (spec.maxKwh() != null && kwh >= spec.maxKwh()) {
            return String.format(java.util.Locale.ROOT, "energy budget reached (%.3g kWh)", spec.maxKwh());
        }
        return null;
    }

    private void startNext() {
        int number = trials.size();
        Map<String, Object> params = sampler.sample(space, List.copyOf(trials), number);
        Trial trial = Trial.queued(number, params);
        trials.add(trial);
        try {
            JobSpec job = space.apply(spec.base(), params);
            if (!job.problems().isEmpty()) {
                throw new InvalidSpecException(job.kind(), job.problems());
            }
            Path file = dir.writeTrialSpec(number, job);
            TrialExecutor.TrialRun run = executor.start(number, job, file,
                    (epoch, v) -> reports.add(new Report.Intermediate(number, epoch, v)));
            trial = trial.running(run.id()).withJobId(run.jobId());
            trials.set(number, trial);
            dir.write(trials);
            follow(number, run);
            listener.trialStarted(trial);
        } catch (InvalidSpecException | IllegalArgumentException | TrialStartException e) {
            String why = e instanceof TrialStartException ? e.getMessage() : "its spec was refused: " + e.getMessage();
            trial = trial.ended(TrialState.FAILED, List.of(), why, null, null);
            trials.set(number, trial);
            dir.write(trials);
            listener.trialEnded(trial, best());
        }
    }

    private void follow(int number, TrialExecutor.TrialRun run) {
        active.put(number, run);
        run.ended().whenComplete((id, e) -> reports.add(new Report.Ended(number, id == null ? run.id() : id,
                run.failure())));
    }

    private void handle(Report report) {
        if (report instanceof Report.Intermediate m) {
            Trial t = trials.get(m.number());
            if (t.state() != TrialState.RUNNING) {
                return;
            }
            t = t.withIntermediate(m.epoch(), m.value());
            trials.set(m.number(), t);
            if (!pruning.contains(m.number()) && pruner.prune(t, trials)) {
                pruning.add(m.number());
                active.get(m.number()).prune();
                listener.trialPruned(t);
                LOG.info("study {}: pruning trial {} at epoch {}", dir.id(), m.number(), m.epoch());
            }
            dir.write(trials);
            listener.trialReported(t);
        } else if (report instanceof Report.Ended e && e.number() >= 0) {
            active.remove(e.number());
            Trial t = results.ended(trials.get(e.number()).running(e.runId()), e.runId(), e.failure());
            trials.set(e.number(), t);
            dir.write(trials);
            listener.trialEnded(t, best());
        }
    }

    /** The best finished trial by the first objective, or null. */
    private Trial best() {
        Objective o = spec.objectives().get(0);
        Trial best = null;
        for (Trial t : trials) {
            if (t.state() == TrialState.FINISHED
                    && (best == null || o.direction().loss(t.value()) < o.direction().loss(best.value()))) {
                best = t;
            }
        }
        return best;
    }
}
