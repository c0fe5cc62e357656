package dev.joulebench.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A hang (e.g. a blocking emit or a completion that never ends) fails the test instead of the build. */
@Timeout(60)
class RunDirectoryTest {
    @TempDir
    Path workspace;

    private RunDirectory newRun() {
        return new RunStore(workspace).create("train", "bp", Instant.parse("2024-03-05T12:00:00Z"));
    }

    private static RunRecord record(String id, Map<String, Double> summary) {
        return new RunRecord(id, "train", "bp", RunStatus.RUNNING, "2024-03-05T12:00:00Z", null, null, 1L,
                TrainSpec.of("bp", "samples", "mlp:784-32-10"), null, null, summary);
    }

    private static List<String> fileNames(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeRecordReplacesRunJsonAndLeavesNoTempFile() throws Exception {
        RunDirectory dir = newRun();
        dir.writeRecord(record(dir.id(), Map.of("a", 1.0)));
        dir.writeRecord(record(dir.id(), Map.of("a", 2.0)));

        assertThat(fileNames(dir.path())).containsExactly(RunDirectory.RUN_JSON);
        RunRecord back = Json.mapper().readValue(dir.path().resolve(RunDirectory.RUN_JSON).toFile(), RunRecord.class);
        assertThat(back.summary()).containsExactly(Map.entry("a", 2.0));
    }

    @Test
    void readerNeverSeesAPartialRunJson() throws Exception {
        RunDirectory dir = newRun();
        Path runJson = dir.path().resolve(RunDirectory.RUN_JSON);
        dir.writeRecord(record(dir.id(), Map.of()));
        int rewrites = 500;

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        List<Integer> sizesSeen = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            int last = -1;
            // read while the writer runs, then once more after it stopped
            boolean more = true;
            while (more) {
                more = writing.get();
                try {
                    byte[] bytes = Files.readAllBytes(runJson);
                    RunRecord r = Json.mapper().readValue(bytes, RunRecord.class);
                    int n = r.summary().size();
                    if (n < last) {
                        throw new AssertionError("run.json went back from " + last + " to " + n + " entries");
                    }
                    for (int k = 0; k < n; k++) {
                        if (!Double.valueOf(k).equals(r.summary().get("metric/" + k))) {
                            throw new AssertionError("summary of " + n + " entries lacks metric/" + k);
                        }
                    }
                    last = n;
                    sizesSeen.add(n);
                } catch (Throwable e) { // NOPMD: report whatever the read hit to the test thread
                    readFailure.compareAndSet(null, e);
                    return;
                }
            }
        });

        try {
            Map<String, Double> summary = new LinkedHashMap<>();
            for (int i = 0; i < rewrites; i++) {
                summary.put("metric/" + i, (double) i);
                dir.writeRecord(record(dir.id(), summary));
                if (readFailure.get() != null) {
                    break;
                }
            }
        } finally {
            writing.set(false);
        }
        reader.get(30, TimeUnit.SECONDS);

        assertThat(readFailure.get()).as("a read of run.json while it was being replaced").isNull();
        assertThat(sizesSeen).as("reads done").hasSizeGreaterThan(10);
        assertThat(sizesSeen.get(sizesSeen.size() - 1)).isEqualTo(rewrites);
        assertThat(fileNames(dir.path())).containsExactly(RunDirectory.RUN_JSON);
    }

    @Test
    void metricLinesHaveExactlyTheDocumentedFields() throws Exception {
        RunDirectory dir = newRun();
        try {
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0.5, 10, 0, "train/loss", 2.25));
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 1.25, 20, 1, "val/accuracy", 0.875));
        } finally {
            dir.close();
        }

        List<String> lines = Files.readAllLines(dir.path().resolve(RunDirectory.METRICS));
        assertThat(lines).hasSize(2);
        JsonNode first = Json.mapper().readTree(lines.get(0));
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("t", "step", "epoch", "name", "value");
        assertThat(first.get("t").asDouble()).isEqualTo(0.5);
        assertThat(first.get("step").asLong()).isEqualTo(10);
        assertThat(first.get("epoch").asInt()).isZero();
        assertThat(first.get("name").asText()).isEqualTo("train/loss");
        assertThat(first.get("value").asDouble()).isEqualTo(2.25);

        JsonNode second = Json.mapper().readTree(lines.get(1));
        assertThat(second.get("t").asDouble()).isEqualTo(1.25);
        assertThat(second.get("epoch").asInt()).isEqualTo(1);
        assertThat(second.get("name").asText()).isEqualTo("val/accuracy");
        assertThat(second.get("value").asDouble()).isEqualTo(0.875);
    }

    @Test
    void nonFiniteValuesAreWrittenAsNull() throws Exception {
        RunDirectory dir = newRun();
        try {
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0, 1, 0, "train/loss", Double.NaN));
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0, 2, 0, "train/loss", Double.POSITIVE_INFINITY));
        } finally {
            dir.close();
        }
        List<String> lines = Files.readAllLines(dir.path().resolve(RunDirectory.METRICS));
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode node = Json.mapper().readTree(line); // strict JSON: NaN would not parse
            assertThat(node.has("value")).as(line).isTrue();
            assertThat(node.get("value").isNull()).as(line).isTrue();
        }
    }

    @Test
    void eachAppendIsOnDiskBeforeClose() throws Exception {
        RunDirectory dir = newRun();
        Path metrics = dir.path().resolve(RunDirectory.METRICS);
        try {
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0.1, 1, 0, "train/loss", 1.0));
            assertThat(Files.readAllLines(metrics)).hasSize(1);
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0.2, 2, 0, "train/loss", 0.5));
            List<String> lines = Files.readAllLines(metrics);
            assertThat(lines).hasSize(2);
            assertThat(Json.mapper().readTree(lines.get(1)).get("step").asLong()).isEqualTo(2);
            assertThat(Files.readString(metrics)).endsWith("\n");
        } finally {
            dir.close();
        }
    }

    @Test
    void timeIsRoundedToMicroseconds() throws Exception {
        RunDirectory dir = newRun();
        try {
            dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 1.23456789, 1, 0, "x", 1));
        } finally {
            dir.close();
        }
        String line = Files.readAllLines(dir.path().resolve(RunDirectory.METRICS)).get(0);
        assertThat(Json.mapper().readTree(line).get("t").asDouble()).isEqualTo(1.234568);
    }

    @Test
    void appendingAfterCloseReopensAndAppends() throws Exception {
        RunDirectory dir = newRun();
        dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0, 1, 0, "x", 1));
        dir.close();
        dir.close(); // idempotent
        dir.appendMetric(new RunEvent.MetricPoint(dir.id(), 0, 2, 0, "x", 2));
        dir.close();
        assertThat(Files.readAllLines(dir.path().resolve(RunDirectory.METRICS))).hasSize(2);
    }
}
