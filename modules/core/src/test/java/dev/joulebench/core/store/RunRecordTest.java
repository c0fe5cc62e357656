package dev.joulebench.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.joulebench.core.Json;
import dev.joulebench.core.spec.TrainSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecordTest {

    private static RunRecord withStatus(RunStatus status, Long pid) {
        return new RunRecord("20240101-000000-train-bp-0001", "train", "bp", status, "2024-01-01T00:00:00Z", null,
                null, pid, TrainSpec.of("bp", "samples", "m"), null, null, Map.of());
    }

    private static Long endedPid;

    /** The pid of a process that has exited and been reaped (started once per class: forking is slow). */
    private static synchronized long pidOfAnEndedProcess() throws Exception {
        assumeThat(System.getProperty("os.name")).doesNotStartWith("Windows");
        if (endedPid == null) {
            Process p = new ProcessBuilder("true").start();
            assertThat(p.waitFor()).isZero();
            endedPid = p.pid();
        }
        assertThat(ProcessHandle.of(endedPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        return endedPid;
    }

    @Test
    void runningRunOfAGoneProcessIsInterrupted() throws Exception {
        long pid = pidOfAnEndedProcess();
        assertThat(withStatus(RunStatus.RUNNING, pid).effectiveStatus()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void runningRunOfThisProcessIsRunning() {
        long me = ProcessHandle.current().pid();
        assertThat(withStatus(RunStatus.RUNNING, me).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void runningRunOfAnotherLiveProcessIsRunning() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        assumeThat(parent).isNotNull();
        assumeThat(parent.isAlive()).isTrue();
        assertThat(withStatus(RunStatus.RUNNING, parent.pid()).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    private static RunRecord running(long pid, String pidStartedAt) {
        return new RunRecord("20240101-000000-train-bp-0001", "train", "bp", RunStatus.RUNNING,
                "2024-01-01T00:00:00Z", null, null, pid, pidStartedAt, TrainSpec.of("bp", "samples", "m"), null, null,
                Map.of(), null);
    }

    private static java.time.Instant startOf(ProcessHandle p) {
        java.time.Instant start = p.info().startInstant().orElse(null);
        assumeThat(start).as("this platform tells when a process started").isNotNull();
        return start;
    }

    @Test
    void runningRunOfThisProcessWithItsStartTimeIsRunning() {
        String start = RunRecord.currentProcessStart();
        assumeThat(start).isNotNull();
        assertThat(running(ProcessHandle.current().pid(), start).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aLivePidThatStartedAtAnotherTimeIsAReusedPidAndTheRunWasInterrupted() {
        // the record says this pid belonged to a process started an hour before the one that has it now
        java.time.Instant now = startOf(ProcessHandle.current());
        String anHourEarlier = now.minus(java.time.Duration.ofHours(1)).toString();
        assertThat(running(ProcessHandle.current().pid(), anHourEarlier).effectiveStatus())
                .isEqualTo(RunStatus.INTERRUPTED);
        ProcessHandle parent = ProcessHandle.current().parent().filter(ProcessHandle::isAlive).orElse(null);
        assumeThat(parent).isNotNull();
        java.time.Instant parentStart = startOf(parent);
        assertThat(running(parent.pid(), parentStart.plusSeconds(30).toString()).effectiveStatus())
                .isEqualTo(RunStatus.INTERRUPTED);
        assertThat(running(parent.pid(), parentStart.toString()).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aStartTimeWithinTheToleranceIsTheSameProcess() {
        java.time.Instant start = startOf(ProcessHandle.current());
        String slightlyOff = start.plus(RunRecord.START_TIME_TOLERANCE.dividedBy(2)).toString();
        assertThat(running(ProcessHandle.current().pid(), slightlyOff).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aGonePidIsInterruptedWhateverTheStartTime() throws Exception {
        long pid = pidOfAnEndedProcess();
        assertThat(running(pid, "2024-01-01T00:00:00Z").effectiveStatus()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void runJsonWrittenBeforeStartTimesWereRecordedReadsAndIsJudgedByThePid() throws Exception {
        long me = ProcessHandle.current().pid();
        String old = "{\"id\":\"20240101-000000-train-bp-0001\",\"kind\":\"train\",\"method\":\"bp\","
                + "\"status\":\"running\",\"createdAt\":\"2024-01-01T00:00:00Z\",\"pid\":" + me
                + ",\"summary\":{}}";
        RunRecord r = Json.mapper().readValue(old, RunRecord.class);
        assertThat(r.pidStartedAt()).isNull();
        assertThat(r.pid()).isEqualTo(me);
        assertThat(r.effectiveStatus()).isEqualTo(RunStatus.RUNNING);
        long gone = pidOfAnEndedProcess();
        assertThat(Json.mapper().readValue(old.replace(":" + me + ",", ":" + gone + ","), RunRecord.class)
                .effectiveStatus()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void anUnreadableStartTimeFallsBackToThePid() {
        assertThat(running(ProcessHandle.current().pid(), "yesterday").effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void theStartTimeSurvivesARoundTripAndTheEndOfTheRun() throws Exception {
        RunRecord r = running(42L, "2024-01-01T00:00:00.120Z");
        RunRecord back = Json.mapper().readValue(Json.write(r), RunRecord.class);
        assertThat(back).isEqualTo(r);
        assertThat(Json.mapper().readTree(Json.write(r)).get("pidStartedAt").asText())
                .isEqualTo("2024-01-01T00:00:00.120Z");
        assertThat(r.ended(RunStatus.FINISHED, "2024-01-01T00:01:00Z", 60, null, Map.of(), null, null).pidStartedAt())
                .isEqualTo("2024-01-01T00:00:00.120Z");
    }

    @Test
    void runningRunWithoutPidIsRunning() {
        assertThat(withStatus(RunStatus.RUNNING, null).effectiveStatus()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void endedRunsKeepTheirStatusWhateverThePid() throws Exception {
        long gone = pidOfAnEndedProcess();
        for (RunStatus s : new RunStatus[] {RunStatus.FINISHED, RunStatus.FAILED, RunStatus.CANCELLED}) {
            assertThat(withStatus(s, gone).effectiveStatus()).isEqualTo(s);
        }
    }

    @Test
    void statusIsWrittenInLowerCaseAndSummaryKeepsItsOrder() throws Exception {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("z/last-alphabetically", 1.0);
        summary.put("a/first-alphabetically", 2.0);
        RunRecord r = withStatus(RunStatus.CANCELLED, 5L).ended(RunStatus.CANCELLED, "2024-01-01T00:01:00Z", 60.0,
                null, summary, null, null);
        String json = Json.write(r);
        assertThat(Json.mapper().readTree(json).get("status").asText()).isEqualTo("cancelled");

        RunRecord back = Json.mapper().readValue(json, RunRecord.class);
        assertThat(back).isEqualTo(r);
        assertThat(back.summary().keySet()).containsExactly("z/last-alphabetically", "a/first-alphabetically");
    }

    @Test
    void nonFiniteSummaryValuesSurviveARoundTrip() throws Exception {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("train/loss", Double.NaN);
        summary.put("grad/norm", Double.POSITIVE_INFINITY);
        RunRecord r = withStatus(RunStatus.FAILED, 5L).ended(RunStatus.FAILED, "2024-01-01T00:01:00Z", 1.0, "diverged",
                summary, null, null);
        RunRecord back = Json.mapper().readValue(Json.write(r), RunRecord.class);
        assertThat(back.summary().get("train/loss")).isNaN();
        assertThat(back.summary().get("grad/norm")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void unknownFieldsInRunJsonAreIgnored() throws Exception {
        String json = Json.write(withStatus(RunStatus.FINISHED, 1L)).replaceFirst("\\{", "{\"futureField\": 1,");
        assertThat(Json.mapper().readValue(json, RunRecord.class).status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    void nullSummaryBecomesEmpty() {
        RunRecord r = new RunRecord("id", "train", "bp", RunStatus.RUNNING, null, null, null, null, null, null, null,
                null);
        assertThat(r.summary()).isEmpty();
    }
}
