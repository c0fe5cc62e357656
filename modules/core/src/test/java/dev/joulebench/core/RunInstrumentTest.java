package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RunInstrumentTest {
    private static final TrainSpec SPEC = TrainSpec.of("bp", "samples", "mlp:784-10");

    @TempDir
    Path workspace;

    /** Records what the runner told it, reports how many phases it saw. */
    static final class Probe implements RunInstrument {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void start(JobContext ctx) {
            calls.add("start");
        }

        @Override
        public void phase(String phase, double t) {
            calls.add("phase:" + phase);
        }

        @Override
        public Report stop(JobContext ctx) {
            calls.add("stop");
            return new Report("probe", Map.of("phases", calls.size() - 1), Map.of("probe/phases", calls.size() - 2.0));
        }
    }

    private JobRunner runner(List<RunInstrumentFactory> factories) {
        return new JobRunner(new RunStore(workspace), new EventBus(), MonotonicClock.system(),
                new ProvenanceCollector(List.of()), factories);
    }

    @Test
    void instrumentSeesStartPhasesAndStopAndItsReportLandsInRunJson() throws Exception {
        Probe probe = new Probe();
        RunRecord r = runner(List.of(spec -> probe)).submit(SPEC, ctx -> {
            ctx.phase("train");
            ctx.phase("eval");
            return new JobResult(Map.of("test/accuracy", 0.5));
        }).await();
        assertThat(probe.calls).containsExactly("start", "phase:train", "phase:eval", "stop");
        assertThat(r.summary()).containsEntry("test/accuracy", 0.5).containsEntry("probe/phases", 2.0);
        JsonNode json = dev.joulebench.core.Json.mapper()
                .readTree(Files.readString(workspace.resolve("runs").resolve(r.id()).resolve("run.json")));
        assertThat(json.at("/reports/probe/phases").asInt()).isEqualTo(3);
    }

    @Test
    void instrumentIsStoppedAndReportsAlsoWhenTheJobFails() throws Exception {
        Probe probe = new Probe();
        RunRecord r = runner(List.of(spec -> probe)).submit(SPEC, ctx -> {
            throw new IllegalStateException("broken");
        }).await();
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(probe.calls).containsExactly("start", "stop");
        assertThat(r.reports()).containsKey("probe");
    }

    @Test
    void anInstrumentThatCannotStartIsLeftOutAndTheRunGoesOn() throws Exception {
        RunInstrument broken = new RunInstrument() {
            @Override
            public void start(JobContext ctx) throws Exception {
                throw new java.io.IOException("no sensors");
            }

            @Override
            public Report stop(JobContext ctx) {
                throw new AssertionError("never started, never stopped");
            }
        };
        Probe probe = new Probe();
        RunRecord r = runner(List.of(spec -> broken, spec -> probe)).submit(SPEC, ctx -> new JobResult(Map.of()))
                .await();
        assertThat(r.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(r.reports()).containsOnlyKeys("probe");
    }
}
