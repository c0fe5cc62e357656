package dev.joulebench.app.panes.model;

import dev.joulebench.core.metric.MetricKeys;
import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.Json;
import dev.joulebench.energy.PowerLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory read back for the panes: run.json, metrics.jsonl, power.csv,
 * spectra/activations.jsonl and spectra/weights.json, each as its writer (core RunDirectory, energy
 * PowerCsv, read by energy's PowerLog; train ActivationSpectra and WeightSpectraReport) lays it out. A file that is missing is
 * an empty part (a run killed early has only some of them); a line that cannot be parsed is skipped,
 * since a killed writer can leave half a last line.
 *
 * @param dir            the run directory
 * @param id             run id (the directory name when run.json is missing)
 * @param method         training method or job method, "" when unknown
 * @param model          model spec text, "" when unknown
 * @param status         status in run.json, "" when unknown
 * @param metrics        metric points in file order
 * @param power          power readings in time order
 * @param energy         cumulative energy after each power.csv row, replayed through the energy module's
 *                       ledger (the live run's rules), so the panes never integrate watts themselves
 * @param activations    activation spectral snapshots in file order
 * @param weights        final weight spectra, one per layer
 * @param reportedKwh    run.json's IT energy (reports.energy.it_energy_kwh, else summary energy/kwh), NaN when absent
 * @param reportedCo2eKg run.json's CO2e, NaN when absent
 * @param reportedWaterL run.json's water, NaN when absent
 */
public record RecordedRun(Path dir, String id, String method, String model, String status, List<Metric> metrics,
                          List<PowerReading> power, List<PowerLog.Point> energy, List<SpectrumView> activations,
                          List<SpectrumView> weights,
                          double reportedKwh, double reportedCo2eKg, double reportedWaterL) {
    public static final String RUN_JSON = "run.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String POWER_CSV = "power.csv";
    public static final String ACTIVATIONS = "spectra/activations.jsonl";
    public static final String WEIGHTS = "spectra/weights.json";

    /** One line of metrics.jsonl; a null value (a diverged loss) is NaN. */
    public record Metric(double t, long step, int epoch, String name, double value) {}

    /** @throws BadInputException when {@code dir} is not a directory */
    public static RecordedRun read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("Not a run directory: " + dir + " (pick a folder under <workspace>/runs)");
        }
        JsonNode run = JsonFiles.readOrNull(dir.resolve(RUN_JSON));
        String id = run != null && run.hasNonNull("id") ? run.get("id").asText() : dir.getFileName().toString();
        String method = run != null ? run.path("method").asText("") : "";
        String model = run != null ? run.path("spec").path("model").asText("") : "";
        String status = run != null ? run.path("status").asText("") : "";
        JsonNode energy = run == null ? null : run.path("reports").path("energy");
        double kwh = number(energy, "it_energy_kwh");
        if (Double.isNaN(kwh) && run != null) {
            kwh = number(run.path("summary"), MetricKeys.ENERGY_KWH);
        }
        PowerLog log = PowerLog.read(dir.resolve(POWER_CSV));
        return new RecordedRun(dir, id, method, model, status, readMetrics(dir.resolve(METRICS)),
                readings(log), log.cumulative(), readActivations(dir.resolve(ACTIVATIONS)),
                readWeights(dir.resolve(WEIGHTS)), kwh, number(energy, "co2e_kg"), number(energy, "water_l"));
    }

    /** Last four characters of the id, as the CLI shortens run ids. */
    public String shortId() {
        return id.length() > 4 ? id.substring(id.length() - 4) : id;
    }

    private static double number(JsonNode node, String field) {
        if (node == null || !node.path(field).isNumber()) {
            return Double.NaN;
        }
        return node.get(field).asDouble();
    }

    static List<Metric> readMetrics(Path file) {
        List<Metric> out = new ArrayList<>();
        for (JsonNode n : jsonLines(file)) {
            if (!n.has("name") || !n.has("t")) {
                continue;
            }
            JsonNode v = n.get("value");
            out.add(new Metric(n.get("t").asDouble(), n.path("step").asLong(0), n.path("epoch").asInt(-1),
                    n.get("name").asText(), v == null || !v.isNumber() ? Double.NaN : v.asDouble()));
        }
        return out;
    }

    /** The power pane's readings: watts per source where the cell is not empty, with the source's tag. */
    static List<PowerReading> readings(PowerLog log) {
        List<PowerReading> out = new ArrayList<>(log.rows().size());
        for (PowerLog.Row row : log.rows()) {
            Map<String, Double> watts = new LinkedHashMap<>();
            Map<String, String> methods = new LinkedHashMap<>();
            for (int i = 0; i < log.sources().size(); i++) {
                if (!Double.isNaN(row.watts()[i])) {
                    PowerLog.Source s = log.sources().get(i);
                    watts.put(s.id(), row.watts()[i]);
                    methods.put(s.id(), s.method().label());
                }
            }
            out.add(new PowerReading(row.t(), watts, methods));
        }
        return out;
    }

    static List<SpectrumView> readActivations(Path file) {
        List<SpectrumView> out = new ArrayList<>();
        for (JsonNode n : jsonLines(file)) {
            SpectrumView v = activation(n);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** One line of spectra/activations.jsonl, or null when it lacks what a plot needs. */
    public static SpectrumView activation(JsonNode n) {
        JsonNode ev = n.get("eigenvalues");
        if (ev == null || !ev.isArray() || ev.isEmpty() || !n.has("samples") || !n.has("features")) {
            return null;
        }
        double[] eigen = new double[ev.size()];
        for (int i = 0; i < eigen.length; i++) {
            eigen[i] = ev.get(i).asDouble();
        }
        double lp = n.path("mp_lambda_plus").isNumber() ? n.get("mp_lambda_plus").asDouble() : Double.NaN;
        return SpectrumView.ofActivations(n.path("layer").asText("?"), n.path("step").asLong(-1),
                n.path("t").asDouble(Double.NaN), eigen, n.get("samples").asInt(), n.get("features").asInt(), lp);
    }

    /** spectra/weights.json: a list of LayerSpectrum (spectra module) with histogram, mpCurve and mp fit. */
    public static List<SpectrumView> readWeights(Path file) {
        List<SpectrumView> out = new ArrayList<>();
        JsonNode root = JsonFiles.readOrNull(file);
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode l : root) {
            double[] edges = JsonFiles.doubles(l.path("histogram").path("edges"));
            double[] density = JsonFiles.doubles(l.path("histogram").path("density"));
            if (edges.length != density.length + 1 || density.length == 0) {
                continue;
            }
            double[] centres = new double[density.length];
            for (int i = 0; i < centres.length; i++) {
                centres[i] = 0.5 * (edges[i] + edges[i + 1]);
            }
            out.add(new SpectrumView(l.path("layer").asText("?"), "weight", -1, Double.NaN, centres, density,
                    JsonFiles.doubles(l.path("mpCurve").path("x")), JsonFiles.doubles(l.path("mpCurve").path("y")),
                    l.path("mp").path("lambdaPlus").asDouble(Double.NaN),
                    JsonFiles.doubles(l.path("mp").path("spikeValues"))));
        }
        return out;
    }

    private static List<JsonNode> jsonLines(Path file) {
        return Json.readLines(file);
    }
}
