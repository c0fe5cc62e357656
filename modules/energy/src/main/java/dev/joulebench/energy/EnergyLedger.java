package dev.joulebench.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns readings into energy, per source and per phase.
 *
 * <p><b>Two tracks per source.</b> A source with an energy counter is accounted by counter
 * differences; power readings are integrated by the trapezoid rule between consecutive readings.
 * The figure used is the counter's where the counter covered any time, else the power integral.
 *
 * <p><b>Failed reads.</b> Every read attempt, good or failed ({@link #gap}), is a point on the time
 * line, and each track keeps its own last good time, so a failed or NaN reading never moves the
 * start of the interval the next good reading closes:
 * <ul>
 *   <li>Counter: the counter kept counting while the read failed, so the next finite value minus the
 *       last finite value is the exact energy of the whole span, and the span is measured.</li>
 *   <li>Power: an interval integrates only when both its ends are good readings. An interval that
 *       touches a failed or NaN reading is <em>unmeasured time</em>: no energy is put in for it and
 *       its seconds are reported ({@link SourceTotal#unmeasuredSeconds()}). Holding the last value
 *       or interpolating would invent energy for time no reading describes, and a read often fails
 *       because the device changed state (a lost GPU, a reloaded driver), which is exactly when a
 *       held value is wrong. The figure is then a lower bound, and the report says by how much time.</li>
 * </ul>
 *
 * <p><b>Cross-check.</b> The counter-vs-integral gap is kept only for sources registered with
 * independent power readings (NVML's power usage beside its energy counter). Power derived from the
 * counter (RAPL, NVML without a power reading) integrates back to the counter by construction, so
 * its "gap" would check nothing. The gap compares the two over the same intervals only.
 *
 * <p><b>Phases.</b> An interval that spans phase changes is split between the phases by its overlap
 * with each (power taken as constant within one interval for that split). Time before the first
 * phase is {@link #SETUP}: the instrument starts before the job, which spends that time loading
 * data and building its model.
 *
 * <p>Thread-safe (every method is synchronized): the sampler thread writes, a listener may read a
 * {@link #cumulative()} snapshot, the run's thread reads {@link #totals()} after the sampler stopped.
 */
public final class EnergyLedger {
    /** The phase of everything before the job's first {@link #phase} call. */
    public static final String SETUP = "setup";

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final List<Double> phaseStarts = new ArrayList<>();
    private final List<String> phaseNames = new ArrayList<>();

    public EnergyLedger() {
        phaseStarts.add(Double.NEGATIVE_INFINITY);
        phaseNames.add(SETUP);
    }

    /** The job entered {@code name} at {@code t} seconds; later energy is attributed to it. */
    public synchronized void phase(String name, double t) {
        phaseStarts.add(t);
        phaseNames.add(name);
    }

    /** A source whose power readings, if any, are not independent of its counter. */
    public synchronized void register(String id, SourceKind kind, Method method, String description) {
        register(id, kind, method, description, false);
    }

    /**
     * @param independentPower whether the source's watts are a reading of their own, not derived from
     *                         its energy counter; only then is the counter-vs-integral gap reported
     */
    public synchronized void register(String id, SourceKind kind, Method method, String description,
                                      boolean independentPower) {
        sources.putIfAbsent(id, new Source(id, kind, method, description, independentPower));
    }

    /** One reading of source {@code id} at {@code t} seconds; NaN fields are missing figures. */
    public synchronized void add(String id, double t, PowerReading r) {
        Source s = source(id);
        if (!s.later(t)) {
            return;
        }
        s.samples++;
        double w = r.watts();
        boolean goodWatts = Double.isFinite(w) && w >= 0;
        boolean goodJoules = Double.isFinite(r.joules());
        boolean pairedCounter = false;
        double counterStep = 0;
        if (goodJoules) {
            if (s.counterSeen) {
                counterStep = Math.max(0, r.joules() - s.counterLastJ);
                s.counterJoules += counterStep;
                s.counterSeconds += t - s.counterLastT;
                split(s.counterByPhase, s.counterLastT, t, counterStep);
                // the counter closed exactly the interval since the previous attempt
                pairedCounter = s.counterLastT == s.lastT;
            }
            s.counterSeen = true;
            s.counterLastT = t;
            s.counterLastJ = r.joules();
        }
        if (goodWatts && s.hasLast && Double.isFinite(s.lastW)) {
            double e = (w + s.lastW) / 2 * (t - s.lastT);
            s.powerJoules += e;
            s.powerSeconds += t - s.lastT;
            split(s.powerByPhase, s.lastT, t, e);
            if (pairedCounter) {
                s.pairedPowerJoules += e;
                s.pairedCounterJoules += counterStep;
            }
        }
        if (goodWatts) {
            s.peakWatts = Math.max(s.peakWatts, w);
            s.wattsSum += w;
            s.wattsReadings++;
        }
        s.attempt(t, goodWatts ? w : Double.NaN);
    }

    /**
     * A read of {@code id} failed at {@code t}: the intervals on either side of it have no power
     * figure (unmeasured time), and a counter bridges it from its last good value.
     */
    public synchronized void gap(String id, double t) {
        Source s = source(id);
        if (!s.later(t)) {
            return;
        }
        s.failedReads++;
        s.attempt(t, Double.NaN);
    }

    private Source source(String id) {
        Source s = sources.get(id);
        if (s == null) {
            throw new IllegalArgumentException("unregistered source " + id + " (register it before its readings)");
        }
        return s;
    }

    private void split(Map<String, Double> byPhase, double a, double b, double energy) {
        for (int i = 0; i < phaseStarts.size(); i++) {
            double start = Math.max(a, phaseStarts.get(i));
            double end = Math.min(b, i + 1 < phaseStarts.size() ? phaseStarts.get(i + 1) : Double.POSITIVE_INFINITY);
            if (end > start) {
                byPhase.merge(phaseNames.get(i), energy * (end - start) / (b - a), Double::sum);
            }
        }
    }

    /** Energy so far per source, as the figure {@link #totals()} would give now, with its method. */
    public synchronized Snapshot cumulative() {
        Map<String, Double> joules = new LinkedHashMap<>();
        Map<String, Method> methods = new LinkedHashMap<>();
        double total = 0;
        for (Source s : sources.values()) {
            double j = s.usesCounter() ? s.counterJoules : s.powerJoules;
            joules.put(s.id, j);
            methods.put(s.id, s.figureMethod());
            total += j;
        }
        return new Snapshot(joules, methods, total);
    }

    /**
     * @param joulesBySource cumulative joules per source id, in registration order
     * @param methods        how each source's figure is obtained
     * @param totalJoules    the sum over sources
     */
    public record Snapshot(Map<String, Double> joulesBySource, Map<String, Method> methods, double totalJoules) {
        public Snapshot {
            joulesBySource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(joulesBySource));
            methods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(methods));
        }
    }

    public synchronized List<SourceTotal> totals() {
        List<SourceTotal> out = new ArrayList<>();
        for (Source s : sources.values()) {
            boolean counter = s.usesCounter();
            double best = counter ? s.counterJoules : s.powerJoules;
            double covered = counter ? s.counterSeconds : s.powerSeconds;
            double span = s.hasLast ? s.lastT - s.firstT : 0;
            boolean crossCheck = s.independentPower && s.pairedCounterJoules > 0 && s.pairedPowerJoules > 0;
            double integral = s.powerSeconds > 0 && (!counter || s.independentPower) ? s.powerJoules : Double.NaN;
            out.add(new SourceTotal(s.id, s.kind, s.figureMethod(), s.description, best,
                    s.counterSeen ? s.counterJoules : Double.NaN, integral,
                    crossCheck ? (s.pairedPowerJoules - s.pairedCounterJoules) / s.pairedCounterJoules : Double.NaN,
                    covered > 0 ? best / covered : Double.NaN,
                    s.wattsReadings > 0 ? s.wattsSum / s.wattsReadings : Double.NaN,
                    s.peakWatts > 0 ? s.peakWatts : Double.NaN,
                    s.samples, s.failedReads, covered, Math.max(0, span - covered),
                    new LinkedHashMap<>(counter ? s.counterByPhase : s.powerByPhase)));
        }
        return out;
    }

    /**
     * Energy of one source.
     *
     * @param joules              the figure used: counter if the source has one, else the power integral
     * @param counterJoules       from the energy counter, NaN without one
     * @param powerIntegralJoules trapezoid integral of power readings; NaN without any, and NaN for a
     *                            counter source whose power is derived from that counter
     * @param counterVsIntegralGap (integral − counter) / counter over the intervals both covered; NaN
     *                            unless the power readings are independent of the counter
     * @param averageWatts        joules over the covered time
     * @param meanReadingWatts    mean of the readings' watts, each as the sensor gave it (a power
     *                            reading, or its counter's average since the previous read); NaN
     *                            without any. CodeCarbon's {@code *_power} is this mean (over its
     *                            measurements), not energy over time; failed and NaN reads are left out
     * @param coveredSeconds      time the figure used covers
     * @param unmeasuredSeconds   time between the first and last read attempt the figure does not cover
     *                            (power intervals touching a failed read; a counter's failed head or tail)
     * @param byPhase             joules per phase (setup, train, eval, ...), summing to {@code joules}
     */
    public record SourceTotal(String id, SourceKind kind, Method method, String description, double joules,
                              double counterJoules, double powerIntegralJoules, double counterVsIntegralGap,
                              double averageWatts, double meanReadingWatts, double peakWatts, long samples,
                              long failedReads, double coveredSeconds, double unmeasuredSeconds,
                              Map<String, Double> byPhase) {
        public double kwh() {
            return joules / 3.6e6;
        }
    }

    private static final class Source {
        final String id;
        final SourceKind kind;
        final Method method;
        final String description;
        final boolean independentPower;
        final Map<String, Double> counterByPhase = new LinkedHashMap<>();
        final Map<String, Double> powerByPhase = new LinkedHashMap<>();
        boolean hasLast;
        double firstT;
        /** Time of the previous read attempt, good or failed. */
        double lastT;
        /** Watts of the previous attempt; NaN when it failed or had none. */
        double lastW = Double.NaN;
        boolean counterSeen;
        double counterLastT;
        double counterLastJ;
        double powerJoules;
        double powerSeconds;
        double counterJoules;
        double counterSeconds;
        double pairedPowerJoules;
        double pairedCounterJoules;
        double peakWatts;
        double wattsSum;
        long wattsReadings;
        long samples;
        long failedReads;

        Source(String id, SourceKind kind, Method method, String description, boolean independentPower) {
            this.id = id;
            this.kind = kind;
            this.method = method;
            this.description = description;
            this.independentPower = independentPower;
        }

        /** Whether {@code t} is after the previous attempt; a reading at or before it is ignored. */
        boolean later(double t) {
            return Double.isFinite(t) && (!hasLast || t > lastT);
        }

        void attempt(double t, double watts) {
            if (!hasLast) {
                firstT = t;
                hasLast = true;
            }
            lastT = t;
            lastW = watts;
        }

        boolean usesCounter() {
            return counterSeen && counterSeconds > 0;
        }

        Method figureMethod() {
            if (usesCounter()) {
                return Method.MEASURED_COUNTER;
            }
            return method == Method.ESTIMATED ? Method.ESTIMATED : Method.MEASURED_POWER;
        }
    }
}
