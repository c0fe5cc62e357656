package dev.joulebench.app.panes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.joulebench.app.panes.CompressionViewModel;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compress run files in the layout the compress module writes them (run.json summary keys, CompressJob's
 * summary.json, SensitivityProfile's sensitivity.json), read back for the panes; no toolkit.
 */
class CompressionReportTest {
    @TempDir
    Path run;

    private void write(String file, Object doc) throws Exception {
        Path p = run.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, Json.write(doc));
    }

    private static Map<String, Object> measurement(String stage, long params, long bytes, long macs, double acc,
                                                   double latency) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("params", params);
        m.put("bytes", bytes);
        m.put("macs", macs);
        m.put("testAccuracy", acc);
        m.put("testLoss", 0.4);
        m.put("latencyP50Millis", latency);
        m.put("samplesPerSecond", 1000.0);
        m.put("inferences", 2256);
        return m;
    }

    private void writeCompressRun(Map<String, Double> summary) throws Exception {
        write("run.json", Map.of("id", "r1", "kind", "compress", "method", "mpo", "status", "finished",
                "spec", Map.of("kind", "compress", "method", "mpo", "model", "train-run", "dataset", "samples",
                        "mode", "compress"),
                "summary", summary));
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("layer", "fc1");
        layer.put("inputs", 784);
        layer.put("outputs", 32);
        layer.put("method", "mpo");
        layer.put("chi", 4);
        layer.put("weightParamsBefore", 25088);
        layer.put("weightParamsAfter", 448);
        layer.put("bytesBefore", 100352);
        layer.put("bytesAfter", 1792);
        layer.put("macsBefore", 25088);
        layer.put("macsAfter", 1200);
        layer.put("relativeError", 0.9);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", "mpo");
        doc.put("modelSpec", "mlp:784-32-10");
        doc.put("layers", List.of(layer));
        doc.put("before", measurement("before", 25450, 101800, 25408, 0.80, 2.0));
        doc.put("compressed", measurement("compressed", 810, 3240, 1520, 0.50, 1.0));
        doc.put("after", measurement("after", 810, 3240, 1520, 0.70, 1.0));
        doc.put("heal", Map.of("epochsRun", 1, "steps", 100, "seconds", 1.5, "lastValidationAccuracy", 0.72,
                "cancelled", false));
        write(CompressionReport.SUMMARY_JSON, doc);
    }

    @Test
    void theBeforeAfterTableTakesTheRunSummaryWithEnergyPerThousandInferences() throws Exception {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("before/params", 25450.0);
        s.put("after/params", 810.0);
        s.put("before/bytes", 101800.0);
        s.put("after/bytes", 3240.0);
        s.put("before/macs", 25408.0);
        s.put("after/macs", 1520.0);
        s.put("before/test_accuracy", 0.8);
        s.put("after/test_accuracy", 0.7);
        s.put("compressed/test_accuracy", 0.5);
        s.put("before/latency_p50_ms", 2.0);
        s.put("after/latency_p50_ms", 1.0);
        s.put("energy/eval-before_kwh_per_1000_inferences", 1e-6); // 3.6 J
        s.put("energy/eval-after_kwh_per_1000_inferences", 2.5e-7); // 0.9 J
        writeCompressRun(s);
        assertThat(CompressionReport.isCompressRun(run)).isTrue();
        CompressionReport r = CompressionReport.read(run);
        assertThat(r.isSensitivity()).isFalse();
        assertThat(r.modelSpec()).isEqualTo("mlp:784-32-10");
        assertThat(r.beforeAfter()).containsExactly(
                new CompressionReport.Row("Parameters", "25,450", "810", "×0.0318"),
                new CompressionReport.Row("Size", "101.8 kB", "3.2 kB", "×0.0318"),
                new CompressionReport.Row("MACs / sample", "25,408", "1,520", "×0.0598"),
                new CompressionReport.Row("Test accuracy", "80.00 %", "70.00 %", "−10.00 pt"),
                new CompressionReport.Row("Latency p50 / batch", "2.00 ms", "1.00 ms", "×0.500"),
                new CompressionReport.Row("Energy / 1,000 inferences", "3.60 J", "900 mJ", "×0.250"));
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.shape()).isEqualTo("784×32");
            assertThat(l.setting()).isEqualTo("χ=4");
            assertThat(l.paramsRatio()).isCloseTo(448.0 / 25088, within(1e-12));
        });
        assertThat(r.healCaption()).isEqualTo("healed 1 epoch: validation 72.00 %; test accuracy before healing 50.00 %");
    }

    @Test
    void whileTheRunGoesOnTheMeasuredStagesComeFromSummaryJson() throws Exception {
        writeCompressRun(Map.of()); // run.json without a summary yet
        CompressionReport r = CompressionReport.read(run);
        List<CompressionReport.Row> rows = r.beforeAfter();
        assertThat(rows.get(0)).isEqualTo(new CompressionReport.Row("Parameters", "25,450", "810", "×0.0318"));
        assertThat(rows.get(3).after()).isEqualTo("70.00 %");
        assertThat(rows.get(5)).isEqualTo(new CompressionReport.Row("Energy / 1,000 inferences", "", "", ""));
    }

    @Test
    void aSensitivityProfileBecomesAHeatMapWithThePolicysChoiceOutlined() throws Exception {
        write("run.json", Map.of("id", "s1", "kind", "compress", "status", "finished",
                "spec", Map.of("kind", "compress", "method", "mpo", "model", "train-run", "dataset", "samples",
                        "mode", "sensitivity")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", "mlp:784-32-10");
        doc.put("baselineAccuracy", 0.8);
        doc.put("layers", List.of("fc1", "fc2"));
        doc.put("chis", List.of(2, 4, 8));
        doc.put("accuracy", List.of(List.of(0.4, 0.6, 0.78), List.of(0.2, 0.7, 0.8)));
        doc.put("policyGoal", "params");
        doc.put("policyTarget", 5000.0);
        Map<String, Object> chosen = new LinkedHashMap<>();
        chosen.put("fc1", 4);
        chosen.put("fc2", null);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("chi", chosen);
        policy.put("params", 4800);
        policy.put("predictedDrop", 0.2);
        policy.put("reached", true);
        doc.put("policy", policy);
        write(CompressionReport.SENSITIVITY_JSON, doc);
        CompressionReport r = CompressionReport.read(run);
        assertThat(r.isSensitivity()).isTrue();
        SensitivityMatrix m = r.sensitivity();
        assertThat(m.layers()).containsExactly("fc1", "fc2");
        assertThat(m.chis()).containsExactly(2, 4, 8);
        assertThat(m.isChosen(0, 1)).isTrue();
        assertThat(m.isChosen(0, 2)).isFalse();
        assertThat(m.isChosen(1, 2)).isFalse();
        assertThat(m.range()).containsExactly(0.2, 0.8);
        assertThat(m.shade(1, 0)).isEqualTo(0.0);
        assertThat(m.shade(1, 2)).isEqualTo(1.0);
        assertThat(m.shade(0, 1)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.policy()).isEqualTo("policy (≤ 5,000 weights): 4,800 weights, predicted drop 20.00 pt");

        CompressionViewModel vm = new CompressionViewModel();
        vm.show(r);
        assertThat(vm.summaryRows()).isEmpty();
        assertThat(vm.cells()).hasSize(6);
        assertThat(vm.cells()).extracting(CompressionViewModel.HeatCell::text)
                .containsExactly("40.0", "60.0", "78.0", "20.0", "70.0", "80.0");
        assertThat(vm.cells()).filteredOn(CompressionViewModel.HeatCell::chosen)
                .singleElement().satisfies(c -> assertThat(c.row() * 10 + c.column()).isEqualTo(1));
        vm.showDropProperty().set(true);
        assertThat(vm.cells()).extracting(CompressionViewModel.HeatCell::text)
                .containsExactly("−40.0", "−20.0", "−2.0", "−60.0", "−10.0", "+0.0");
        assertThat(vm.sensitivityCaptionProperty().get()).startsWith("baseline 80.00 %   cells: change from baseline");
        vm.show(null);
        assertThat(vm.cells()).isEmpty();
        assertThat(vm.reportProperty().get()).isNull();
    }

    @Test
    void liveProfilingPointsFillTheMatrixAsTheyArrive() {
        SensitivityMatrix m = SensitivityMatrix.ofPoints(List.of(
                new SensitivityMatrix.Point("fc1", 8, 0.7),
                new SensitivityMatrix.Point("fc1", 2, 0.3),
                new SensitivityMatrix.Point("fc2", 2, 0.5)), 0.75);
        assertThat(m.layers()).containsExactly("fc1", "fc2");
        assertThat(m.chis()).containsExactly(2, 8);
        assertThat(m.accuracy(0, 0)).isEqualTo(0.3);
        assertThat(m.accuracy(0, 1)).isEqualTo(0.7);
        assertThat(m.accuracy(1, 0)).isEqualTo(0.5);
        assertThat(m.accuracy(1, 1)).isNaN();
        assertThat(m.shade(1, 1)).isNaN();
        assertThat(m.drop(0, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(m.chosen()).isEmpty();
        CompressionViewModel vm = new CompressionViewModel();
        vm.show(CompressionReport.started("r", "sensitivity", "mpo").withSensitivity(m));
        assertThat(vm.cells()).extracting(CompressionViewModel.HeatCell::text).containsExactly("30.0", "70.0",
                "50.0", "…");
    }

    @Test
    void aTrainingRunIsNoCompressRun() throws Exception {
        write("run.json", Map.of("id", "t", "kind", "train", "method", "bp"));
        assertThat(CompressionReport.isCompressRun(run)).isFalse();
    }
}
