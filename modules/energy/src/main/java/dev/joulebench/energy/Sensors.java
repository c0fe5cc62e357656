package dev.joulebench.energy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every probe of every provider, and the best available sensor per source id: an energy counter
 * beats power readings, which beat a model (RAPL over the CPU load model, RAPL DRAM over the RAM
 * constant). Sensors not chosen are closed. Close this to close the chosen ones.
 */
public final class Sensors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sensors.class);

    private final List<SensorProbe> probes;
    private final List<PowerSensor> selected;

    private Sensors(List<SensorProbe> probes, List<PowerSensor> selected) {
        this.probes = List.copyOf(probes);
        this.selected = List.copyOf(selected);
    }

    /** Probes with every provider on the class path. */
    public static Sensors discover(SensorEnvironment env) {
        List<PowerSensorProvider> providers = new ArrayList<>();
        ServiceLoader.load(PowerSensorProvider.class).forEach(providers::add);
        return from(providers, env);
    }

    public static Sensors from(List<PowerSensorProvider> providers, SensorEnvironment env) {
        List<SensorProbe> probes = new ArrayList<>();
        for (PowerSensorProvider p : providers) {
            try {
                probes.addAll(p.probe(env));
            } catch (RuntimeException | LinkageError e) {
                // A provider must not throw, but one that does costs only its own sensors.
                LOG.warn("Sensor provider {} failed: {}", p.name(), e.toString());
                probes.add(SensorProbe.missing(p.name(), SourceKind.CPU, Method.ESTIMATED,
                        "provider failed: " + e));
            }
        }
        return select(probes);
    }

    /** The best sensor per id among probes already made (by providers, or by a test with its own sensors). */
    public static Sensors select(List<SensorProbe> probes) {
        Map<String, SensorProbe> best = new LinkedHashMap<>();
        for (SensorProbe p : probes) {
            if (!p.available() || p.sensor() == null) {
                continue;
            }
            best.merge(p.sensor().id(), p, (a, b) -> b.method().ordinal() < a.method().ordinal() ? b : a);
        }
        for (SensorProbe p : probes) {
            if (p.sensor() != null && best.get(p.sensor().id()) != p) {
                p.sensor().close();
            }
        }
        List<PowerSensor> chosen = best.values().stream().map(SensorProbe::sensor)
                .sorted(Comparator.comparing((PowerSensor s) -> s.kind().ordinal()).thenComparing(PowerSensor::id))
                .toList();
        return new Sensors(probes, chosen);
    }

    public List<SensorProbe> probes() {
        return probes;
    }

    /** The sensors in use, one per id, CPU first then GPUs then RAM. */
    public List<PowerSensor> selected() {
        return selected;
    }

    /** Whether this probe's sensor is the one in use for its id. */
    public boolean inUse(SensorProbe probe) {
        return probe.sensor() != null && selected.contains(probe.sensor());
    }

    @Override
    public void close() {
        for (PowerSensor s : selected) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("closing sensor {}: {}", s.id(), e.toString());
            }
        }
    }
}
