package dev.joulebench.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.BadInputException;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study: a base run spec (train or compress), the parameters searched over it, the objectives, the sampler
 * and pruner, the budget and the seed. Read from the JSON file {@code joulebench study run} takes; every
 * optional field has Optuna's default.
 *
 * @param base                the run spec each trial starts from (with {@code ${name}} placeholders if wanted)
 * @param objectives          default: maximise {@code val/best_accuracy}; two or more make it multi-objective
 * @param sampler             {@code tpe} (default; MOTPE with several objectives), {@code random} or {@code grid}
 * @param startupTrials       TPE's random trials before it models (Optuna: 10)
 * @param candidates          TPE's candidates drawn per trial (Optuna: 24)
 * @param prunerStartupTrials finished trials before the median pruner prunes (Optuna: 5)
 * @param prunerWarmupSteps   epochs of a trial before it can be pruned (Optuna: 0)
 * @param pruner              {@code median} (default with one objective) or {@code none} (default, and the only
 *                            choice, with several: Optuna does not prune multi-objective studies either)
 * @param intermediate        the per-epoch metric the pruner reads (default {@code val/accuracy})
 * @param intermediateDirection whether a larger intermediate value is better (default maximize)
 * @param trials              the trial budget (default 20)
 * @param maxSeconds          stop sampling new trials after this much wall time, or null
 * @param maxKwh              stop sampling new trials once the trials' energy reaches this, or null
 */
public record StudySpec(String name, JsonNode base, List<Parameter> parameters, List<Objective> objectives,
                        String sampler, Integer startupTrials, Integer candidates, String pruner,
                        Integer prunerStartupTrials, Integer prunerWarmupSteps, String intermediate,
                        Direction intermediateDirection, Integer trials,
                        Double maxSeconds, Double maxKwh, Long seed) {
    public static final List<String> SAMPLERS = List.of("tpe", "random", "grid");
    public static final List<String> PRUNERS = List.of("median", "none");
    public static final int MAX_TRIALS = 10_000;

    public StudySpec {
        name = name == null ? "study" : name;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        objectives = objectives == null || objectives.isEmpty()
                ? List.of(new Objective(MetricKeys.VAL_BEST_ACCURACY, Direction.MAXIMIZE)) : List.copyOf(objectives);
        sampler = sampler == null ? "tpe" : sampler;
        startupTrials = startupTrials == null ? 10 : startupTrials;
        candidates = candidates == null ? 24 : candidates;
        pruner = pruner == null ? (objectives.size() > 1 ? "none" : "median") : pruner;
        prunerStartupTrials = prunerStartupTrials == null ? 5 : prunerStartupTrials;
        prunerWarmupSteps = prunerWarmupSteps == null ? 0 : prunerWarmupSteps;
        intermediate = intermediate == null ? MetricKeys.VAL_ACCURACY : intermediate;
        intermediateDirection = intermediateDirection == null ? Direction.MAXIMIZE : intermediateDirection;
        trials = trials == null ? 20 : trials;
        seed = seed == null ? 42L : seed;
    }

    public boolean multiObjective() {
        return objectives.size() > 1;
    }

    /** The parameters as a search space; call only on a spec without {@link #problems()}. */
    public SearchSpace space() {
        return new SearchSpace(parameters);
    }

    /** Every problem of this study spec (field, message, fix), including those of its base spec. */
    public List<SpecProblem> problems() {
        List<SpecProblem> p = new ArrayList<>();
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            p.add(new SpecProblem("name", "must be 1-64 letters, digits, '.', '_' or '-', got '" + name + "'"));
        }
        if (!SAMPLERS.contains(sampler)) {
            p.add(new SpecProblem("sampler", "must be one of " + SAMPLERS + ", got '" + sampler + "'"));
        }
        if (!PRUNERS.contains(pruner)) {
            p.add(new SpecProblem("pruner", "must be one of " + PRUNERS + ", got '" + pruner + "'"));
        }
        if ("median".equals(pruner) && multiObjective()) {
            p.add(new SpecProblem("pruner", "the median pruner needs a single objective (as in Optuna)",
                    "set \"pruner\": \"none\" for a multi-objective study"));
        }
        range(p, "trials", trials, 1, MAX_TRIALS);
        range(p, "startupTrials", startupTrials, 0, MAX_TRIALS);
        range(p, "candidates", candidates, 1, 10_000);
        range(p, "prunerStartupTrials", prunerStartupTrials, 0, MAX_TRIALS);
        range(p, "prunerWarmupSteps", prunerWarmupSteps, 0, 1_000_000);
        if (maxSeconds != null && !(maxSeconds > 0 && Double.isFinite(maxSeconds))) {
            p.add(new SpecProblem("maxSeconds", "must be a positive number of seconds, got " + maxSeconds));
        }
        if (maxKwh != null && !(maxKwh > 0 && Double.isFinite(maxKwh))) {
            p.add(new SpecProblem("maxKwh", "must be a positive number of kWh, got " + maxKwh));
        }
        Set<String> metrics = new HashSet<>();
        for (int i = 0; i < objectives.size(); i++) {
            Objective o = objectives.get(i);
            if (o.metric() == null || o.metric().isBlank()) {
                p.add(new SpecProblem("objectives[" + i + "].metric", "is missing", "a run summary metric, e.g. "
                        + MetricKeys.VAL_BEST_ACCURACY + " or " + MetricKeys.ENERGY_KWH));
            } else if (!metrics.add(o.metric())) {
                p.add(new SpecProblem("objectives[" + i + "].metric", o.metric() + " is already an objective"));
            }
        }
        parameterProblems(p);
        return p;
    }

    /**
     * {@link #problems()} and, when those leave a valid base, what the job's own check finds in the base spec at the
     * parameters' lowest values (a missing dataset, a model the method cannot train, too little memory), so a
     * study that could run no trial at all is refused before it starts.
     */
    public List<SpecProblem> problems(JobEnvironment env) {
        List<SpecProblem> p = problems();
        if (!p.isEmpty()) {
            return p;
        }
        JobSpec lowest = space().apply(base, lowest());
        try {
            for (SpecProblem q : JobFactory.forSpec(lowest).checkAll(lowest, env)) {
                p.add(new SpecProblem("base." + q.field(), q.message(), q.hint()));
            }
        } catch (BadInputException none) {
            p.add(new SpecProblem("base", none.getMessage()));
        }
        return p;
    }

    private Map<String, Object> lowest() {
        Map<String, Object> lowest = new LinkedHashMap<>();
        space().distributions().forEach((n, d) -> lowest.put(n, d.toExternal(lowestInternal(d))));
        return lowest;
    }

    private void parameterProblems(List<SpecProblem> p) {
        if (parameters.isEmpty()) {
            p.add(new SpecProblem("parameters", "a study needs at least one parameter to search",
                    "e.g. {\"name\": \"lr\", \"type\": \"float\", \"low\": 1e-4, \"high\": 1e-1, \"log\": true, "
                            + "\"field\": \"learningRate\"}"));
        }
        Set<String> names = new HashSet<>();
        boolean ranges = true;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter q = parameters.get(i);
            String f = "parameters[" + i + "]";
            if (q.name() == null || !q.name().matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                p.add(new SpecProblem(f + ".name", "must be a letter then letters, digits or '_', got '" + q.name() + "'"));
                ranges = false;
                continue;
            }
            if (!names.add(q.name())) {
                p.add(new SpecProblem(f + ".name", q.name() + " is given twice"));
            }
            try {
                Distribution d = q.distribution();
                if ("grid".equals(sampler) && d instanceof Distribution.FloatRange r && r.step() == null) {
                    p.add(new SpecProblem(f + ".step", "the grid sampler needs a step for float parameter " + q.name()));
                }
            } catch (IllegalArgumentException e) {
                p.add(new SpecProblem(f, q.name() + ": " + e.getMessage()));
                ranges = false;
            }
        }
        if (base == null || !base.isObject()) {
            p.add(new SpecProblem("base", "is missing: the run spec each trial starts from",
                    "the JSON `joulebench train ... --save-spec FILE` writes"));
        } else if (ranges && !parameters.isEmpty() && names.size() == parameters.size()) {
            baseProblems(p);
        }
    }

    /** The base spec with each parameter at its lowest value must be a valid spec of a kind a study can run. */
    private void baseProblems(List<SpecProblem> p) {
        SearchSpace space = space();
        for (String unused : space.unused(base)) {
            p.add(new SpecProblem("parameters", unused + " reaches no field and no ${" + unused + "} of the base spec",
                    "give it a \"field\" or write ${" + unused + "} in a base spec string"));
        }
        Map<String, Object> lowest = lowest();
        try {
            JobSpec spec = space.apply(base, lowest);
            if ("eval".equals(spec.kind())) {
                p.add(new SpecProblem("base.kind", "a study tunes train or compress runs, not eval"));
            }
            for (SpecProblem q : spec.problems()) {
                p.add(new SpecProblem("base." + q.field(), q.message() + " (with " + lowest + ")", q.hint()));
            }
        } catch (IllegalArgumentException e) {
            p.add(new SpecProblem("base", e.getMessage()));
        }
    }

    private static double lowestInternal(Distribution d) {
        if (d instanceof Distribution.FloatRange r) {
            return r.low();
        }
        return d instanceof Distribution.IntRange r ? r.low() : 0;
    }

    private static void range(List<SpecProblem> p, String field, int value, int min, int max) {
        if (value < min || value > max) {
            p.add(new SpecProblem(field, "must be between " + min + " and " + max + ", got " + value));
        }
    }
}
