package dev.joulebench.study;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code studies/<id>/study.json} holds: the study's spec and where it stands.
 *
 * @param status     {@code running}, {@code finished} (budget used), {@code stopped} (Ctrl-C or a failure of the
 *                   study itself; {@code joulebench study resume} continues it)
 * @param stopReason why it ended (trials, time or kWh budget reached, grid exhausted, cancelled), or null
 * @param seconds    wall time the study has run in all its sessions, for the time budget
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyRecord(String id, String createdAt, String updatedAt, String status, String stopReason,
                          String executor, String sampler, String pruner, double seconds, StudySpec spec) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String STOPPED = "stopped";

    public StudyRecord with(String newStatus, String reason, String now, double totalSeconds) {
        return new StudyRecord(id, createdAt, now, newStatus, reason, executor, sampler, pruner, totalSeconds, spec);
    }

    public StudyRecord withExecutor(String name) {
        return new StudyRecord(id, createdAt, updatedAt, status, stopReason, name, sampler, pruner, seconds, spec);
    }
}
