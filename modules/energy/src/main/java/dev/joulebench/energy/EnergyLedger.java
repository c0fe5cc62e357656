package dev.joulebench.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns samples into energy, per source and per phase. A source with an energy counter is
 * accounted by counter differences; every source with power readings is also integrated by the
 * trapezoid rule, so both figures exist where both exist and their gap can be reported. An
 * interval that spans phase changes is split between the phases by its overlap with each (power
 * is taken as constant within one interval for that split). Time before the first phase is "idle".
 * Not thread-safe: the sampler thread is its only writer; read totals after the sampler stopped.
 */
public final class EnergyLedger {
    public static final String IDLE = "idle";

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<double[]> phaseStarts = new ArrayList<>(); // {t}
    private final List<String> phaseNames = new ArrayList<>();

    public EnergyLedger() {
        phaseStarts.add(new double[] {Double.NEGATIVE_INFINITY});
        phaseNames.add(IDLE);
    }

    public synchronized void phase(String name, double t) {
        phaseStarts.add(new double[] {t});
        phaseNames.add(name);
    }

    public synchronized void register(String id, SourceKind kind, Method method, String description) {
        sources.putIfAbsent(id, new Source(id, kind, method, description));
    }

    /** One reading of source {@code id} at {@code t} seconds. */
    public synchronized void add(String id, double t, PowerReading r) {
        Source s = sources.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unregistered source " + id);
        }
        s.samples++;
        if (s.hasPrev) {
            double dt = t - s.prevT;
            if (dt <= 0) {
                return;
            }
            if (Double.isFinite(r.watts()) && Double.isFinite(s.prevW)) {
                double e = (r.watts() + s.prevW) / 2 * dt;
                s.powerJoules += e;
                s.powerSeconds += dt;
                if (!s.counterSeen) {
                    split(s.byPhase, s.prevT, t, e);
                }
            }
            if (Double.isFinite(r.joules()) && Double.isFinite(s.prevJ)) {
                double e = Math.max(0, r.joules() - s.prevJ);
                s.counterJoules += e;
                s.counterSeconds += dt;
                split(s.byPhase, s.prevT, t, e);
            }
        }
        if (Double.isFinite(r.joules())) {
            s.counterSeen = true;
        }
        s.hasPrev = true;
        s.prevT = t;
        s.prevW = Double.isFinite(r.watts()) ? r.watts() : s.prevW;
        s.prevJ = Double.isFinite(r.joules()) ? r.joules() : s.prevJ;
        if (Double.isFinite(r.watts())) {
            s.peakWatts = Math.max(s.peakWatts, r.watts());
        }
    }

    /** A read of {@code id} failed at {@code t}: the next good reading spans the gap. */
    public synchronized void gap(String id, double t) {
        Source s = sources.get(id);
        if (s != null) {
            s.failedReads++;
        }
    }

    private void split(Map<String, Double> byPhase, double a, double b, double energy) {
        for (int i = 0; i < phaseStarts.size(); i++) {
            double start = Math.max(a, phaseStarts.get(i)[0]);
            double end = Math.min(b, i + 1 < phaseStarts.size() ? phaseStarts.get(i + 1)[0] : Double.POSITIVE_INFINITY);
            if (end > start) {
                byPhase.merge(phaseNames.get(i), energy * (end - start) / (b - a), Double::sum);
            }
        }
    }

    public synchronized List<SourceTotal> totals() {
        List<SourceTotal> out = new ArrayList<>();
        for (Source s : sources.values()) {
            boolean counter = s.counterSeen && s.counterSeconds > 0;
            double best = counter ? s.counterJoules : s.powerJoules;
            Method m = counter ? Method.MEASURED_COUNTER
                    : s.method == Method.ESTIMATED ? Method.ESTIMATED : Method.MEASURED_POWER;
            double seconds = counter ? s.counterSeconds : s.powerSeconds;
            out.add(new SourceTotal(s.id, s.kind, m, s.description, best, s.counterSeen ? s.counterJoules : Double.NaN,
                    s.powerSeconds > 0 ? s.powerJoules : Double.NaN, seconds > 0 ? best / seconds : Double.NaN,
                    s.peakWatts > 0 ? s.peakWatts : Double.NaN, s.samples, s.failedReads, new LinkedHashMap<>(s.byPhase)));
        }
        return out;
    }

    /**
     * Energy of one source.
     *
     * @param joules             the figure used: counter if the source has one, else the power integral
     * @param counterJoules      from the energy counter, NaN without one
     * @param powerIntegralJoules trapezoid integral of power readings, NaN without any
     * @param averageWatts       joules over the covered time
     * @param byPhase            joules per phase (train, eval, idle, ...)
     */
    public record SourceTotal(String id, SourceKind kind, Method method, String description, double joules,
                              double counterJoules, double powerIntegralJoules, double averageWatts, double peakWatts,
                              long samples, long failedReads, Map<String, Double> byPhase) {
        public double kwh() {
            return joules / 3.6e6;
        }

        /** Relative gap between counter and power integral, NaN unless both exist. */
        public double counterVsIntegralGap() {
            if (Double.isNaN(counterJoules) || Double.isNaN(powerIntegralJoules) || counterJoules == 0) {
                return Double.NaN;
            }
            return (powerIntegralJoules - counterJoules) / counterJoules;
        }
    }

    private static final class Source {
        final String id;
        final SourceKind kind;
        final Method method;
        final String description;
        final Map<String, Double> byPhase = new LinkedHashMap<>();
        boolean hasPrev;
        boolean counterSeen;
        double prevT;
        double prevW = Double.NaN;
        double prevJ = Double.NaN;
        double powerJoules;
        double powerSeconds;
        double counterJoules;
        double counterSeconds;
        double peakWatts;
        long samples;
        long failedReads;

        Source(String id, SourceKind kind, Method method, String description) {
            this.id = id;
            this.kind = kind;
            this.method = method;
            this.description = description;
        }
    }
}
