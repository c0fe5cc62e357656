package dev.joulebench.report.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunDirectory;
import dev.joulebench.core.store.RunRecord;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.PowerLog;
import dev.joulebench.spectra.LayerSpectrum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run directory for a report with the project's own readers where they exist (core's RunStore and
 * RunRecord, energy's PowerLog and its ledger replay, spectra's LayerSpectrum), and this module's for the rest.
 */
public final class RunReader {
    static final String POWER_CSV = "power.csv";
    static final String WEIGHTS = "spectra/weights.json";
    static final String ACTIVATIONS = "spectra/activations.jsonl";

    private final RunStore store;

    public RunReader(RunStore store) {
        this.store = store;
    }

    /** The run named by an id, unique prefix or unique suffix; a missing or damaged run is bad input. */
    public RunData read(String idOrPrefix) {
        RunRecord record = store.load(idOrPrefix);
        return read(store.resolveDir(record.id()), record);
    }

    static RunData read(Path dir, RunRecord record) {
        JsonNode raw = JsonLines.document(dir.resolve(RunDirectory.RUN_JSON));
        PowerLog power = PowerLog.read(dir.resolve(POWER_CSV));
        JsonNode energy = raw == null ? null : raw.path("reports").path("energy");
        return new RunData(dir, record, record.effectiveStatus(), metrics(dir.resolve(RunDirectory.METRICS)), power,
                power.cumulative(), energy == null || !energy.isObject() ? null : energy(energy),
                weights(dir.resolve(WEIGHTS)), activations(dir.resolve(ACTIVATIONS)),
                CompressionReader.read(dir, raw == null ? null : raw.path("spec"), record.summary()));
    }

    static List<MetricPoint> metrics(Path file) {
        List<MetricPoint> out = new ArrayList<>();
        for (JsonNode n : JsonLines.read(file)) {
            if (!n.hasNonNull("name") || !n.has("t")) {
                continue;
            }
            JsonNode v = n.get("value");
            out.add(new MetricPoint(n.get("t").asDouble(), n.path("step").asLong(0), n.path("epoch").asInt(-1),
                    n.get("name").asText(), v == null || !v.isNumber() ? Double.NaN : v.asDouble()));
        }
        return out;
    }

    /** spectra/weights.json is a list of spectra's LayerSpectrum as Jackson wrote it; unreadable means none. */
    static List<LayerSpectrum> weights(Path file) {
        JsonNode root = JsonLines.document(file);
        if (root == null || !root.isArray()) {
            return List.of();
        }
        List<LayerSpectrum> out = new ArrayList<>();
        for (JsonNode layer : root) {
            try {
                LayerSpectrum s = Json.mapper().treeToValue(layer, LayerSpectrum.class);
                if (s.histogram() != null && s.mp() != null) {
                    out.add(s);
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                // a layer written by another version: leave it out rather than fail the report
            }
        }
        return out;
    }

    static List<ActivationSnapshot> activations(Path file) {
        List<ActivationSnapshot> out = new ArrayList<>();
        for (JsonNode n : JsonLines.read(file)) {
            double[] ev = JsonLines.doubles(n.get("eigenvalues"));
            if (ev.length == 0) {
                continue;
            }
            out.add(new ActivationSnapshot(JsonLines.number(n, "t"), n.path("step").asLong(-1),
                    n.path("layer").asText("?"), n.path("samples").asInt(0), n.path("features").asInt(0), ev,
                    JsonLines.number(n, "mp_lambda_plus"), JsonLines.number(n, "spectral_gap"),
                    JsonLines.number(n, "spectral_entropy"), JsonLines.number(n, "outliers"),
                    JsonLines.number(n, "kl_from_mp")));
        }
        return out;
    }

    static EnergyReport energy(JsonNode e) {
        List<EnergySource> sources = new ArrayList<>();
        for (JsonNode s : e.path("sources")) {
            sources.add(new EnergySource(JsonLines.text(s, "id"), JsonLines.text(s, "kind"), JsonLines.text(s, "method"),
                    JsonLines.text(s, "how"), JsonLines.text(s, "description"), JsonLines.number(s, "kwh"),
                    JsonLines.number(s, "average_watts"), s.path("samples").asInt(0), s.path("failed_reads").asInt(0),
                    s.path("unmeasured_seconds").asDouble(0)));
        }
        Map<String, Double> phases = new LinkedHashMap<>();
        e.path("phases_kwh").fields().forEachRemaining(p -> phases.put(p.getKey(), p.getValue().asDouble()));
        JsonNode ci = e.path("carbon_intensity");
        JsonNode wi = e.path("water_intensity");
        List<String> notFound = new ArrayList<>();
        e.path("not_found").forEach(n -> notFound.add(n.asText()));
        Assumptions a = new Assumptions(JsonLines.text(ci, "iso3"), JsonLines.text(ci, "country"),
                JsonLines.number(ci, "gPerKwh"), JsonLines.text(ci, "source"), ci.path("year").asInt(0),
                JsonLines.number(e, "pue"), JsonLines.number(e, "wue_l_per_kwh"), JsonLines.number(wi, "ewifLPerKwh"),
                JsonLines.text(wi, "basis"), JsonLines.text(wi, "source"), wi.path("year").asInt(0),
                JsonLines.number(e, "embodied_kg"), JsonLines.text(e, "tracking_mode"),
                JsonLines.number(e, "sampling_hz"), notFound);
        return new EnergyReport(JsonLines.number(e, "it_energy_kwh"), JsonLines.number(e, "facility_energy_kwh"),
                JsonLines.number(e, "co2e_kg"), JsonLines.number(e, "water_l"), JsonLines.number(e, "water_onsite_l"),
                JsonLines.number(e, "water_offsite_l"), sources, new LinkedHashMap<>(phases), a);
    }
}
