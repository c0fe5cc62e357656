package dev.joulebench.app.panes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryFileAsItsWriterLaysItOut() throws IOException {
        RunFiles.write(dir, "20260101-000000-train-bp-ab12", 3, 2.0, 10.0, "estimated");
        RecordedRun r = RecordedRun.read(dir);
        assertThat(r.id()).isEqualTo("20260101-000000-train-bp-ab12");
        assertThat(r.shortId()).isEqualTo("ab12");
        assertThat(r.model()).isEqualTo("mlp:784-32-10");
        assertThat(r.method()).isEqualTo("bp");
        assertThat(r.metrics()).extracting(RecordedRun.Metric::name).contains("train/loss", "val/accuracy");
        assertThat(r.metrics().stream().filter(m -> m.name().equals("train/loss")).count()).isEqualTo(3);
        assertThat(r.power()).hasSize(21);
        assertThat(r.power().get(0).methods()).containsEntry("cpu", "estimated").containsEntry("gpu0", "measured");
        assertThat(r.power().get(0).watts()).doesNotContainKey("gpu0_joules_measured").containsKey("gpu0");
        assertThat(r.activations()).hasSize(2);
        assertThat(r.activations().get(1).step()).isEqualTo(200);
        assertThat(r.weights()).hasSize(1);
        assertThat(r.weights().get(0).lambdaPlus()).isEqualTo(1.5);
        assertThat(r.weights().get(0).binCentres()).containsExactly(0.5, 1.5);
        assertThat(r.reportedKwh()).isCloseTo(1.2e-5, within(1e-15));
    }

    @Test
    void aRecordedRunsCumulativeEnergyIsTheLedgersReplayOfPowerCsv() throws IOException {
        // cpu 10 W (estimated) for 2 s, gpu0 1 W with a counter: 20 J + 2 J, by the ledger's rules
        RunFiles.write(dir, "20260101-000000-train-bp-ab12", 3, 2.0, 10.0, "estimated");
        RecordedRun r = RecordedRun.read(dir);
        assertThat(r.energy()).hasSize(21);
        assertThat(r.energy().get(0).totalJoules()).isZero();
        var last = r.energy().get(20);
        assertThat(last.t()).isCloseTo(2.0, within(1e-12));
        assertThat(last.joulesBySource().get("cpu")).isCloseTo(20.0, within(1e-9));
        assertThat(last.joulesBySource().get("gpu0")).isCloseTo(2.0, within(1e-9));
        assertThat(last.totalJoules()).isCloseTo(22.0, within(1e-9));
        assertThat(last.methods()).containsEntry("gpu0", dev.joulebench.energy.Method.MEASURED_COUNTER)
                .containsEntry("cpu", dev.joulebench.energy.Method.ESTIMATED);
    }

    @Test
    void aKilledRunsHalfLinesAreSkipped() throws IOException {
        Files.writeString(dir.resolve("metrics.jsonl"),
                "{\"t\":0.1,\"step\":1,\"epoch\":0,\"name\":\"train/loss\",\"value\":null}\n{\"t\":0.2,\"st");
        Files.writeString(dir.resolve("power.csv"), "t,cpu_watts_measured\n0.100,5.000\n0.2");
        RecordedRun r = RecordedRun.read(dir);
        assertThat(r.metrics()).hasSize(1);
        assertThat(r.metrics().get(0).value()).isNaN();
        assertThat(r.power()).hasSize(1);
        assertThat(r.id()).isEqualTo(dir.getFileName().toString());
    }
}
