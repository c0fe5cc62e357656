package dev.joulebench.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trial's Slurm job as the study follows it: its run id once the job wrote it, the run's metrics.jsonl read
 * on from where the last poll stopped, the job's last queue state, and its end. Touched by the executor's poll
 * thread and, for prune and cancel, by the study's thread.
 */
final class SlurmTrialJob implements TrialExecutor.TrialRun {
    private static final Logger LOG = LoggerFactory.getLogger(SlurmTrialJob.class);
    /** The most of metrics.jsonl read in one poll; the rest comes with the next. */
    private static final int MAX_READ = 8 << 20;

    /** What the study asks of the job: prune or cancel it (through the stop file), for the executor to act on. */
    interface Control {
        void prune(SlurmTrialJob job);

        void cancel(SlurmTrialJob job);
    }

    private final String jobId;
    private final SlurmTrialFiles files;
    private final Path runsDir;
    private final String metric;
    private final TrialExecutor.IntermediateListener listener;
    private final Control control;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile String runId;
    private volatile String state = "SUBMITTED";
    private volatile String failure;
    private volatile boolean cancelRequested;
    private long metricsRead;
    /** Polls in a row that found the job neither in the queue nor in accounting. */
    int unaccounted;

    SlurmTrialJob(String jobId, SlurmTrialFiles files, Path runsDir, String metric,
                  TrialExecutor.IntermediateListener listener, Control control) {
        this.jobId = jobId;
        this.files = files;
        this.runsDir = runsDir;
        this.metric = metric;
        this.listener = listener;
        this.control = control;
    }

    @Override
    public String id() {
        return runId;
    }

    @Override
    public String jobId() {
        return jobId;
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void prune() {
        control.prune(this);
    }

    /** Once: the study asks again on every report while it stops. */
    @Override
    public synchronized void cancel() {
        if (!cancelRequested) {
            cancelRequested = true;
            control.cancel(this);
        }
    }

    @Override
    public CompletableFuture<String> ended() {
        return ended;
    }

    SlurmTrialFiles files() {
        return files;
    }

    int number() {
        return files.number();
    }

    String state() {
        return state;
    }

    void state(String queueState) {
        state = queueState;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Reads the run id once the job has written it, then what the run appended to its metrics since last time. */
    void readProgress() {
        if (runId == null) {
            runId = files.runId();
        }
        if (runId != null) {
            readMetrics(runsDir.resolve(runId).resolve("metrics.jsonl"));
        }
    }

    /** Only whole lines are parsed; a line still being written waits for the next poll. */
    private void readMetrics(Path file) {
        byte[] fresh;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < metricsRead) {
                metricsRead = 0; // a file written anew: read it from the start
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - metricsRead, MAX_READ));
            while (buf.hasRemaining() && ch.read(buf, metricsRead + buf.position()) > 0) {
                // read on until the buffer holds what the file had
            }
            fresh = java.util.Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException notYet) {
            return; // the run has not recorded a metric yet
        } catch (IOException e) {
            LOG.debug("reading {}: {}", file, e.toString());
            return;
        }
        int end = fresh.length - 1;
        while (end >= 0 && fresh[end] != '\n') {
            end--;
        }
        if (end < 0) {
            return;
        }
        metricsRead += end + 1;
        for (String line : new String(fresh, 0, end, StandardCharsets.UTF_8).split("\n")) {
            report(line);
        }
    }

    private void report(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode m = Json.mapper().readTree(line);
            if (metric.equals(m.path("name").asText()) && m.path("epoch").asInt(-1) >= 0 && m.path("value").isNumber()) {
                listener.reported(m.get("epoch").asInt(), m.get("value").asDouble());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("skipping an unreadable metrics line of job {}: {}", jobId, e.toString());
        }
    }

    /** Records the job's end: the run (null when none began) and, when the job went wrong, why. */
    void end(String why) {
        failure = why;
        ended.complete(runId);
    }
}
