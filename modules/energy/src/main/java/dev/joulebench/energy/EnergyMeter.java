package dev.joulebench.energy;

import dev.joulebench.core.JobContext;
import dev.joulebench.core.RunInstrument;
import dev.joulebench.core.RunInstrumentFactory;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.energy.footprint.DeviceEnergy;
import dev.joulebench.energy.footprint.EmbodiedDevice;
import dev.joulebench.energy.footprint.EmbodiedTable;
import dev.joulebench.energy.footprint.EmissionsCsv;
import dev.joulebench.energy.footprint.EmissionsRow;
import dev.joulebench.energy.footprint.Footprint;
import dev.joulebench.energy.footprint.FootprintResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The energy instrument of a run: finds the sensors, samples them for the run's lifetime into
 * power.csv and power-sample events, emits the ledger's cumulative figures as energy-update events
 * (about 2 Hz, and once more at the end), attributes energy to the job's phases, and at the end writes
 * emissions.csv and returns per-source energy (with each source's method), CO2e and water for
 * run.json. It never fails a run: a run without any readable sensor still gets the models.
 */
public final class EnergyMeter implements RunInstrument {
    private static final Logger LOG = LoggerFactory.getLogger(EnergyMeter.class);
    public static final String POWER_CSV = "power.csv";
    public static final String EMISSIONS_CSV = "emissions.csv";

    private final EnergySettings settings;
    private final Supplier<Sensors> sensorSource;
    private final Footprint footprint;
    private Sensors sensors;
    private EnergyLedger ledger;
    private PowerSampler sampler;
    private final double[] utilSums = new double[4]; // cpu load %, gpu util %, ram used GB, ram used %
    private final long[] utilCounts = new long[4];
    /** Seconds of run time between two {@link RunEvent.EnergyUpdate}s: 2 Hz is smooth enough for a cumulative curve. */
    static final double UPDATE_PERIOD_S = 0.5;
    private double lastUpdateT = Double.NaN;
    private volatile double lastTickT;

    public EnergyMeter(EnergySettings settings, Supplier<Sensors> sensorSource, Footprint footprint) {
        this.settings = settings;
        this.sensorSource = sensorSource;
        this.footprint = footprint;
    }

    /** One meter per run with the machine's own sensors and Joulebench's bundled tables. */
    public static RunInstrumentFactory factory(EnergySettings settings) {
        Footprint tables = Footprint.bundled();
        return spec -> new EnergyMeter(settings,
                () -> Sensors.discover(SensorEnvironment.system(settings.mode(), settings.cpuTdpWatts())), tables);
    }

    @Override
    public void start(JobContext ctx) {
        settings.footprint().validate();
        sensors = sensorSource.get();
        ledger = new EnergyLedger();
        Map<String, String> methods = new LinkedHashMap<>();
        for (PowerSensor s : sensors.selected()) {
            methods.put(s.id(), s.method().label());
            ctx.setting("energy." + s.id(), s.method().label() + ": " + s.description());
        }
        ctx.setting("energy.tracking_mode", settings.mode().name().toLowerCase(Locale.ROOT));
        ctx.setting("energy.sampling_hz", String.valueOf(settings.hz()));
        Map<String, String> frozenMethods = Map.copyOf(methods);
        sampler = new PowerSampler(sensors.selected(), ledger, ctx::elapsed, ctx.runDir().resolve(POWER_CSV), tick -> {
            accumulateUtilisation(tick);
            ctx.events().emit(new RunEvent.PowerSample(ctx.runId(), tick.t(), tick.watts(), frozenMethods));
            lastTickT = tick.t();
            if (!(tick.t() - lastUpdateT < UPDATE_PERIOD_S)) {
                lastUpdateT = tick.t();
                emitUpdate(ctx, tick.t());
            }
        });
        sampler.start(settings.hz(), "power-sampler-" + ctx.runId());
    }

    /** The ledger's cumulative figures as an event; sampler thread, or the run's thread after it stopped. */
    private void emitUpdate(JobContext ctx, double t) {
        EnergyLedger.Snapshot s = ledger.cumulative();
        Map<String, String> how = new LinkedHashMap<>();
        s.methods().forEach((id, m) -> how.put(id, m.summary()));
        ctx.events().emit(new RunEvent.EnergyUpdate(ctx.runId(), t, s.joulesBySource(), how, s.totalJoules()));
    }

    private void accumulateUtilisation(PowerSampler.Tick tick) {
        tick.extras().forEach((id, extras) -> {
            Double load = extras.get("load");
            if (id.equals("cpu") && load != null) {
                utilSums[0] += 100 * load;
                utilCounts[0]++;
            }
            Double util = extras.get("utilization_percent");
            if (id.startsWith("gpu") && util != null) {
                utilSums[1] += util;
                utilCounts[1]++;
            }
            Double used = extras.get("memory_used_bytes");
            Double total = extras.get("memory_total_bytes");
            if (id.equals("ram") && used != null && total != null && total > 0) {
                utilSums[2] += used / (1024.0 * 1024 * 1024);
                utilCounts[2]++;
                utilSums[3] += 100 * used / total;
                utilCounts[3]++;
            }
        });
    }

    @Override
    public void phase(String phase, double t) {
        if (ledger != null) {
            ledger.phase(phase, t);
        }
    }

    @Override
    public Report stop(JobContext ctx) {
        sampler.close();
        sensors.close();
        emitUpdate(ctx, lastTickT); // the final figures, equal to the totals below
        double duration = ctx.elapsed();
        List<EnergyLedger.SourceTotal> totals = ledger.totals();
        double cpuJ = 0;
        double gpuJ = 0;
        double ramJ = 0;
        double estimatedJ = 0;
        double unmeasuredS = 0;
        // CodeCarbon's *_power: per kind, the mean of its readings, summed over the kind's devices
        // (its GPU power is the sum of every GPU's reading at each measurement)
        Map<SourceKind, Double> meanWatts = new EnumMap<>(SourceKind.class);
        Map<String, Double> byPhase = new LinkedHashMap<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        for (EnergyLedger.SourceTotal t : totals) {
            switch (t.kind()) {
                case CPU -> cpuJ += t.joules();
                case GPU -> gpuJ += t.joules();
                case RAM -> ramJ += t.joules();
            }
            if (Double.isFinite(t.meanReadingWatts())) {
                meanWatts.merge(t.kind(), t.meanReadingWatts(), Double::sum);
            }
            if (t.method() == Method.ESTIMATED) {
                estimatedJ += t.joules();
            }
            unmeasuredS = Math.max(unmeasuredS, t.unmeasuredSeconds());
            t.byPhase().forEach((p, j) -> byPhase.merge(p, j, Double::sum));
            sources.add(sourceReport(t));
        }
        Provenance.Hardware hw = ProvenanceCollector.hardware(List.of());
        List<String> gpuNames = sensors.selected().stream().filter(s -> s.kind() == SourceKind.GPU)
                .map(s -> s.hardwareName() != null ? s.hardwareName() : s.description()).toList();
        List<EmbodiedDevice> devices = new ArrayList<>();
        devices.add(new EmbodiedDevice(EmbodiedTable.CPU, 1));
        if (!gpuNames.isEmpty()) {
            devices.add(new EmbodiedDevice(EmbodiedTable.GPU, gpuNames.size()));
        }
        if (hw.ramBytes() > 0) {
            devices.add(new EmbodiedDevice(EmbodiedTable.DRAM_PER_GB, hw.ramBytes() / 1e9));
        }
        FootprintResult f = footprint.compute(DeviceEnergy.ofJoules(cpuJ, gpuJ, ramJ), duration, settings.footprint(),
                devices);
        writeEmissions(ctx, f, meanWatts, hw, gpuNames);

        double totalJ = cpuJ + gpuJ + ramJ;
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put(MetricKeys.ENERGY_KWH, totalJ / 3.6e6);
        summary.put(MetricKeys.energyOf("cpu"), cpuJ / 3.6e6);
        if (!gpuNames.isEmpty()) {
            summary.put(MetricKeys.energyOf("gpu"), gpuJ / 3.6e6);
        }
        summary.put(MetricKeys.energyOf("ram"), ramJ / 3.6e6);
        byPhase.forEach((p, j) -> summary.put(MetricKeys.energyOf(p), j / 3.6e6));
        summary.put(MetricKeys.ENERGY_ESTIMATED_SHARE, totalJ > 0 ? estimatedJ / totalJ : 0.0);
        summary.put(MetricKeys.ENERGY_UNMEASURED_SECONDS, unmeasuredS);
        summary.put(MetricKeys.CO2E_KG, f.kgCo2e());
        if (f.embodiedIncluded()) {
            summary.put(MetricKeys.CO2E_EMBODIED_KG, f.embodiedKg());
        }
        summary.put(MetricKeys.WATER_L, f.waterL());

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("tracking_mode", settings.mode().name().toLowerCase(Locale.ROOT));
        detail.put("sampling_hz", settings.hz());
        detail.put("it_energy_kwh", f.itEnergyKwh());
        detail.put("facility_energy_kwh", f.facilityEnergyKwh());
        detail.put("pue", f.pue());
        detail.put("sources", sources);
        Map<String, Double> phasesKwh = new LinkedHashMap<>();
        byPhase.forEach((p, j) -> phasesKwh.put(p, j / 3.6e6));
        detail.put("phases_kwh", phasesKwh);
        detail.put("co2e_kg", f.kgCo2e());
        detail.put("carbon_intensity", f.carbonIntensity());
        detail.put("water_l", f.waterL());
        detail.put("water_onsite_l", f.onsiteWaterL());
        detail.put("water_offsite_l", f.offsiteWaterL());
        detail.put("wue_l_per_kwh", f.wueLPerKwh());
        detail.put("water_intensity", f.water());
        if (f.embodiedIncluded()) {
            detail.put("embodied_kg", f.embodiedKg());
        }
        detail.put("not_found", sensors.probes().stream().filter(p -> !p.available())
                .map(p -> p.name() + ": " + p.detail()).toList());
        if (!sampler.errors().isEmpty()) {
            detail.put("sensor_errors", sampler.errors());
        }
        return new Report("energy", detail, summary);
    }

    private static Map<String, Object> sourceReport(EnergyLedger.SourceTotal t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
        m.put("method", t.method().label());
        m.put("how", t.method().how());
        m.put("description", t.description());
        m.put("kwh", t.kwh());
        m.put("average_watts", t.averageWatts());
        if (!Double.isNaN(t.counterVsIntegralGap())) {
            // only where the power readings are independent of the counter: a real cross-check
            m.put("counter_kwh", t.counterJoules() / 3.6e6);
            m.put("power_integral_kwh", t.powerIntegralJoules() / 3.6e6);
            m.put("counter_vs_integral", t.counterVsIntegralGap());
        }
        m.put("samples", t.samples());
        m.put("failed_reads", t.failedReads());
        m.put("covered_seconds", t.coveredSeconds());
        m.put("unmeasured_seconds", t.unmeasuredSeconds());
        Map<String, Double> phases = new LinkedHashMap<>();
        t.byPhase().forEach((p, j) -> phases.put(p, j / 3.6e6));
        m.put("phases_kwh", phases);
        return m;
    }

    private void writeEmissions(JobContext ctx, FootprintResult f, Map<SourceKind, Double> meanWatts,
                                Provenance.Hardware hw, List<String> gpuNames) {
        Provenance.Software sw = ProvenanceCollector.software();
        EmissionsRow row = EmissionsRow.builder().footprint(f)
                .cpuPower(meanWatts.getOrDefault(SourceKind.CPU, 0.0))
                .gpuPower(meanWatts.getOrDefault(SourceKind.GPU, 0.0))
                .ramPower(meanWatts.getOrDefault(SourceKind.RAM, 0.0))
                .timestamp(LocalDateTime.now(ZoneOffset.UTC))
                .projectName(settings.project())
                .runId(ctx.runId())
                .experimentId(ctx.runId())
                .os(sw.os() + "-" + sw.osVersion() + "-" + sw.arch())
                .cpuCount(hw.cpuCount())
                .cpuModel(hw.cpuModel())
                .gpuCount(gpuNames.size())
                .gpuModel(gpuNames.isEmpty() ? null : String.join("; ", gpuNames))
                .ramTotalSize(hw.ramBytes() > 0 ? hw.ramBytes() / (1024.0 * 1024 * 1024) : null)
                .trackingMode(settings.mode().name().toLowerCase(Locale.ROOT))
                // CodeCarbon (emissions_tracker.py, _prepare_emissions_data): each utilisation is the mean of its
                // samples, 0 without any (a RAPL CPU has no load figure, a machine without GPU no GPU samples)
                .cpuUtilizationPercent(utilCounts[0] > 0 ? utilSums[0] / utilCounts[0] : 0.0)
                .gpuUtilizationPercent(utilCounts[1] > 0 ? utilSums[1] / utilCounts[1] : 0.0)
                .ramUsedGb(utilCounts[2] > 0 ? utilSums[2] / utilCounts[2] : 0.0)
                .ramUtilizationPercent(utilCounts[3] > 0 ? utilSums[3] / utilCounts[3] : 0.0)
                .onCloud("N")
                .build();
        Path file = ctx.runDir().resolve(EMISSIONS_CSV);
        try {
            EmissionsCsv.write(file, row);
            ctx.artifact(file, "CodeCarbon-compatible emissions");
        } catch (IOException e) {
            LOG.warn("Cannot write {}: {}", file, e.toString());
        }
    }
}
