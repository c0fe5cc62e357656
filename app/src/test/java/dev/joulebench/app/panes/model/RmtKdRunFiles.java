package dev.joulebench.app.panes.model;

import dev.joulebench.compress.rmtkd.CutRecord;
import dev.joulebench.compress.rmtkd.RmtKdJob;
import dev.joulebench.compress.rmtkd.SpectrumReport;
import dev.joulebench.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recorded RMT-KD run directory written with the compress module's own records (SpectrumReport, CutRecord,
 * RmtKdJob.Measurement) through the project's JSON mapper, as RmtKdSchedule writes them, so the format cannot drift.
 * fc1 (d = 32) keeps its 5 outliers far above the bulk and is accepted; fc2 (d = 16) has all 16 eigenvalues above
 * its bulk edge and is left as it is.
 */
public final class RmtKdRunFiles {
    public static final String ID = "20260101-000000-compress-rmtkd-9a9a";
    /** Seconds of each layer's {@code rmtkd/cut} metric. */
    public static final double FC1_CUT_T = 2.0;
    public static final double FC2_CUT_T = 6.0;
    public static final double FC1_LAMBDA_PLUS = 0.1 * 1.4 * 1.4;
    public static final int BINS = 10;

    private RmtKdRunFiles() {}

    /** The finished run: both spectra, both cut records, before/after, the metrics. */
    public static void writeFinished(Path dir) throws IOException {
        writeRunJson(dir, "finished", true);
        writeSpectra(dir, List.of(fc1(), fc2()));
        writeSummary(dir, List.of(fc1Cut(), fc2Cut()), true);
        StringBuilder m = new StringBuilder();
        metric(m, 1.0, 0, "before/test_accuracy", 0.84);
        layerMetrics(m, 0, "fc1", FC1_CUT_T, 32, 5);
        metric(m, 2.5, 0, "rmtkd/val_accuracy_cut", 0.6);
        for (int s = 1; s <= 4; s++) {
            metric(m, 2.5 + s * 0.5, s, "distill/loss", 1.0 / s);
        }
        metric(m, 4.6, 4, "distill/val_accuracy", 0.82);
        metric(m, 5.1, 0, "rmtkd/val_accuracy", 0.82);
        metric(m, 5.2, 0, "rmtkd/params", 25000);
        layerMetrics(m, 1, "fc2", FC2_CUT_T, 16, 16);
        metric(m, 7.0, 0, "after/test_accuracy", 0.83);
        Files.writeString(dir.resolve(RecordedRun.METRICS), m);
    }

    public static void writeRunJson(Path dir, String status, boolean summary) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("id", ID);
        run.put("kind", "compress");
        run.put("method", "rmtkd");
        run.put("status", status);
        run.put("spec", Map.of("kind", "compress", "method", "rmtkd", "mode", "compress", "model", "train-run",
                "dataset", "samples"));
        if (summary) {
            Map<String, Double> s = new LinkedHashMap<>();
            s.put("before/params", 25450.0);
            s.put("after/params", 4100.0);
            s.put("before/test_accuracy", 0.84);
            s.put("after/test_accuracy", 0.83);
            s.put("rmtkd/cuts", 1.0);
            s.put("rmtkd/layers_analysed", 2.0);
            s.put("distill/epochs", 2.0);
            run.put("summary", s);
        }
        Files.writeString(dir.resolve(RecordedRun.RUN_JSON), Json.write(run));
    }

    /** spectra/rmtkd.json as the schedule rewrites it after each layer. */
    public static void writeSpectra(Path dir, List<SpectrumReport> spectra) throws IOException {
        Files.createDirectories(dir.resolve("spectra"));
        Files.writeString(dir.resolve(RmtKdRun.SPECTRA_JSON), Json.write(spectra));
    }

    public static void writeSummary(Path dir, List<CutRecord> cuts, boolean after) throws IOException {
        Files.createDirectories(dir.resolve("compress"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("method", "rmtkd");
        doc.put("modelSpec", "mlp:784-32-16-10");
        doc.put("cuts", cuts);
        doc.put("before", new RmtKdJob.Measurement("before", "mlp:784-32-16-10", 25450, 101800, 25408, 0.84, 0.5, 0.85,
                2.0, 1000, 2256));
        doc.put("after", after ? new RmtKdJob.Measurement("after", "mlp:784-5-16-10", 4100, 16400, 4186, 0.83, 0.55,
                0.82, 1.0, 2000, 2256) : null);
        Files.writeString(dir.resolve(CompressionReport.SUMMARY_JSON), Json.write(doc));
    }

    /** fc1: σ² = 0.1, q = 32/200, 27 bulk eigenvalues inside [λ-, λ+] and 5 outliers from 2 to 40. */
    public static SpectrumReport fc1() {
        double sigma2 = 0.1;
        double q = 32.0 / 200;
        double lm = sigma2 * Math.pow(1 - Math.sqrt(q), 2);
        double lp = FC1_LAMBDA_PLUS;
        double[] ev = new double[32];
        double[] top = {40, 20, 9, 5, 2};
        System.arraycopy(top, 0, ev, 0, 5);
        for (int i = 5; i < 32; i++) {
            ev[i] = lp - (lp - lm) * (i - 4) / 28.0;
        }
        return report("fc1", 32, 200, sigma2, lm, lp, 5, ev, lm / 2, 2 * lp);
    }

    /** fc2: all 16 eigenvalues between 0.5 and 1.5, above λ+ = 0.2: nothing to cut. */
    public static SpectrumReport fc2() {
        double[] ev = new double[16];
        for (int i = 0; i < 16; i++) {
            ev[i] = 1.5 - i / 15.0;
        }
        return report("fc2", 16, 200, 0.1, 0.04, 0.2, 16, ev, 0.02, 0.4);
    }

    public static CutRecord fc1Cut() {
        return new CutRecord(1, "fc1", 32, 5, 5, 5, 200, 32, 0.16, 0.09, 0.1, FC1_LAMBDA_PLUS, 0, 0.84, 25450, 4100,
                0.6, 0.82, 2, 40, 0.3, 2.1, CutRecord.ACCEPTED);
    }

    public static CutRecord fc2Cut() {
        return new CutRecord(1, "fc2", 16, 16, 16, 16, 200, 16, 0.08, 0.09, 0.1, 0.2, 0, 0.0, 4100, 4100, Double.NaN,
                Double.NaN, 0, 0, 0.2, 0, CutRecord.NO_CUT);
    }

    private static SpectrumReport report(String layer, int d, int samples, double sigma2, double lm, double lp, int kept,
                                         double[] ev, double lo, double hi) {
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = lo + (hi - lo) * i / BINS;
        }
        double[] h = new double[BINS];
        double w = (hi - lo) / BINS;
        for (double v : ev) {
            int b = (int) Math.floor((v - lo) / w);
            if (b >= 0 && b < BINS) {
                h[b] += 1.0 / (ev.length * w);
            }
        }
        MpDensity.Curve c = new MpDensity(sigma2, (double) d / samples).sample(200);
        double[] sorted = ev.clone();
        Arrays.sort(sorted);
        return new SpectrumReport(layer, d, samples, d, (double) d / samples, 0.5, sigma2 * 0.9, sigma2, lm, lp, 0, lp,
                kept, 1 - (double) kept / d, 0.01, false, "ejml", ev, edges, h, c.x(), c.y());
    }

    private static void layerMetrics(StringBuilder m, int n, String layer, double t, int width, int kept) {
        metric(m, t, n, "rmtkd/" + layer + "/width", width);
        metric(m, t, n, "rmtkd/" + layer + "/kept", kept);
        metric(m, t, n, "rmtkd/cut", n + 1);
    }

    private static void metric(StringBuilder m, double t, long step, String name, double value) {
        m.append(String.format(Locale.ROOT, "{\"t\":%.3f,\"step\":%d,\"epoch\":-1,\"name\":\"%s\",\"value\":%s}%n", t,
                step, name, value));
    }

    /** The spectra list grown by one layer, as the next spectrum rewrites it. */
    public static List<SpectrumReport> plus(List<SpectrumReport> before, SpectrumReport next) {
        List<SpectrumReport> out = new ArrayList<>(before);
        out.add(next);
        return out;
    }
}
