package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.JobRunner;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line the command line prints after a run whose listeners fell behind, from what run.json recorded. */
class RunLauncherTest {
    private static RunRecord ended(Map<String, Double> summary, Map<String, Object> reports) {
        return new RunRecord("20240101-000000-train-bp-0001", "train", "bp", RunStatus.FINISHED,
                "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z", 60.0, 1L, null, null, null, summary, reports);
    }

    @Test
    void aRunWhoseListenersMissedEventsGetsOneLineNamingThemAndTheCount() {
        RunRecord r = ended(Map.of(MetricKeys.EVENTS_DROPPED, 12.0),
                Map.of(JobRunner.EVENTS_SECTION, Map.of("dropped", Map.of("console", 12))));
        assertThat(RunLauncher.droppedEvents(r)).hasValueSatisfying(line -> assertThat(line)
                .doesNotContain("\n").contains("missed 12 events").contains("(console 12)")
                .contains(MetricKeys.EVENTS_DROPPED));
    }

    @Test
    void aRunWithNothingMissedGetsNoLine() {
        assertThat(RunLauncher.droppedEvents(ended(Map.of("test/accuracy", 0.9), Map.of()))).isEmpty();
    }
}
