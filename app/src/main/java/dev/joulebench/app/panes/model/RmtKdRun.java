package dev.joulebench.app.panes.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RMT-KD run's layers as the compress module's RmtKdSchedule records them: {@code spectra/rmtkd.json} (one
 * SpectrumReport per analysed layer, rewritten after each spectrum), {@code compress/summary.json}'s {@code cuts}
 * (one CutRecord per analysed layer, in the same order, rewritten after each accepted cut and at the end) and the
 * {@code rmtkd/...} metrics of each cut (validation accuracy after the cut and after distillation, the parameters
 * once accepted), so a layer being distilled shows how far it is. A missing or unreadable file is an empty part: a
 * run killed before its first spectrum has none.
 *
 * @param layers   analysed layers in order (a layer appears again in a later pass with a parameter target)
 * @param progress what the metrics said of cut {@code index} so far
 * @param running  the run still goes on (a layer without a record is in progress, not unfinished)
 */
public record RmtKdRun(List<Layer> layers, Map<Integer, Progress> progress, boolean running) {
    public static final String SPECTRA_JSON = "spectra/rmtkd.json";
    static final String VAL_CUT = "rmtkd/val_accuracy_cut";
    static final String VAL_DISTILLED = "rmtkd/val_accuracy";
    static final String PARAMS = "rmtkd/params";

    public RmtKdRun {
        layers = List.copyOf(layers);
        progress = Map.copyOf(progress);
    }

    public static final RmtKdRun EMPTY = new RmtKdRun(List.of(), Map.of(), false);

    /**
     * One analysed layer: its activation ESD, the fitted MP bulk, the cut it suggested and, once recorded, what
     * became of it.
     *
     * @param index       0-based position in the schedule (the step of its {@code rmtkd/...} metrics)
     * @param pass        1-based sweep over the layers
     * @param features    {@code d}: the layer's width
     * @param kept        {@code k}: eigenvalues above the threshold
     * @param threshold   {@code lambda+} plus the Tracy-Widom margin: eigenvalues above it are kept
     * @param eigenvalues every covariance eigenvalue, descending
     * @param mpX         the fitted MP density (scaled by the bulk share) on {@code [lambda-, lambda+]}
     * @param cut         its CutRecord, null until recorded
     */
    public record Layer(int index, int pass, String layer, int features, int samples, int kept, double sigma2,
                        double lambdaMinus, double lambdaPlus, double threshold, double[] eigenvalues,
                        double[] histogramEdges, double[] histogram, double[] mpX, double[] mpY, Cut cut) {
        /** "fc1", or "fc1 · pass 2" for a later sweep. */
        public String key() {
            return pass > 1 ? layer + " · pass " + pass : layer;
        }

        /** The kept outliers: the {@code k} largest eigenvalues. */
        public double[] outliers() {
            return java.util.Arrays.copyOf(eigenvalues, Math.max(0, Math.min(kept, eigenvalues.length)));
        }

        Layer withCut(Cut c) {
            return new Layer(index, pass, layer, features, samples, kept, sigma2, lambdaMinus, lambdaPlus, threshold,
                    eigenvalues, histogramEdges, histogram, mpX, mpY, c);
        }
    }

    /**
     * What the schedule did with a layer's cut (CutRecord).
     *
     * @param cutWidth            the width it narrowed the layer to ({@code k}, or more for a parameter target)
     * @param validationDistilled validation accuracy after distillation, NaN when not cut
     * @param outcome             accepted, rejected-accuracy, below-min-keep, no-cut, cancelled
     */
    public record Cut(int cutWidth, int widthAfter, double validationCut, double validationDistilled,
                      String outcome) {}

    /** The {@code rmtkd/...} metrics of one cut so far; NaN where not yet measured. */
    public record Progress(double validationCut, double validationDistilled, boolean accepted) {
        public static final Progress NONE = new Progress(Double.NaN, Double.NaN, false);

        /** This progress with one more metric. */
        public Progress with(String metric, double value) {
            return switch (metric) {
                case VAL_CUT -> new Progress(value, validationDistilled, accepted);
                case VAL_DISTILLED -> new Progress(validationCut, value, accepted);
                case PARAMS -> new Progress(validationCut, validationDistilled, true);
                default -> this;
            };
        }

        /** What either says, {@code b} first. */
        public static Progress merge(Progress a, Progress b) {
            return new Progress(Double.isNaN(b.validationCut()) ? a.validationCut() : b.validationCut(),
                    Double.isNaN(b.validationDistilled()) ? a.validationDistilled() : b.validationDistilled(),
                    a.accepted() || b.accepted());
        }
    }

    /** Whether {@code metric} is one a cut's progress is told by. */
    public static boolean isProgressMetric(String metric) {
        return VAL_CUT.equals(metric) || VAL_DISTILLED.equals(metric) || PARAMS.equals(metric);
    }

    /**
     * Reads the run's files; {@code live} progress (metrics from the bus that may not be in metrics.jsonl yet) is
     * merged over the file's. A spectra file that is there but cannot be read (half written by a writer that does
     * not replace it atomically) leaves {@code previous}'s layers.
     */
    public static RmtKdRun read(Path runDir, boolean running, Map<Integer, Progress> live, RmtKdRun previous) {
        List<Layer> layers = new ArrayList<>();
        JsonNode spectra = JsonFiles.readOrNull(runDir.resolve(SPECTRA_JSON));
        if (spectra == null && previous != null && java.nio.file.Files.exists(runDir.resolve(SPECTRA_JSON))) {
            return new RmtKdRun(previous.layers(), previous.progress(), running);
        }
        JsonNode summary = JsonFiles.readOrNull(runDir.resolve(CompressionReport.SUMMARY_JSON));
        JsonNode cuts = summary == null ? null : summary.path("cuts");
        Map<String, Integer> passes = new HashMap<>();
        if (spectra != null && spectra.isArray()) {
            for (JsonNode s : spectra) {
                String name = s.path("layer").asText("?");
                int pass = passes.merge(name, 1, Integer::sum);
                int i = layers.size();
                JsonNode c = cuts != null && cuts.isArray() && i < cuts.size() ? cuts.get(i) : null;
                layers.add(new Layer(i, pass, name, s.path("features").asInt(0), s.path("samples").asInt(0),
                        s.path("kept").asInt(0), number(s, "sigma2"), number(s, "lambdaMinus"),
                        number(s, "lambdaPlus"), number(s, "threshold"), JsonFiles.doubles(s.path("eigenvalues")),
                        JsonFiles.doubles(s.path("histogramEdges")), JsonFiles.doubles(s.path("histogram")),
                        JsonFiles.doubles(s.path("mpX")), JsonFiles.doubles(s.path("mpY")), c == null ? null : cut(c)));
            }
        }
        Map<Integer, Progress> progress = new HashMap<>();
        for (RecordedRun.Metric m : RecordedRun.readMetrics(runDir.resolve(RecordedRun.METRICS))) {
            if (isProgressMetric(m.name())) {
                progress.put((int) m.step(), progress.getOrDefault((int) m.step(), Progress.NONE).with(m.name(),
                        m.value()));
            }
        }
        live.forEach((i, p) -> progress.merge(i, p, Progress::merge));
        return new RmtKdRun(layers, progress, running);
    }

    /** {@link #read(Path, boolean, Map, RmtKdRun)} without a previous reading. */
    public static RmtKdRun read(Path runDir, boolean running, Map<Integer, Progress> live) {
        return read(runDir, running, live, null);
    }

    /** The run with one more metric of cut {@code index}. */
    public RmtKdRun withMetric(int index, String metric, double value) {
        Map<Integer, Progress> p = new HashMap<>(progress);
        p.put(index, p.getOrDefault(index, Progress.NONE).with(metric, value));
        return new RmtKdRun(layers, p, running);
    }

    /** The layers by {@link Layer#key()}, in schedule order. */
    public Map<String, Layer> byKey() {
        Map<String, Layer> out = new LinkedHashMap<>();
        layers.forEach(l -> out.put(l.key(), l));
        return out;
    }

    /**
     * What became of layer {@code l}: its record's outcome, else what the metrics tell while it runs ("no cut
     * (k = d)", "cut, distilling…", "accepted"), else "not finished" for a run that ended without a record.
     */
    public String outcome(Layer l) {
        if (l.cut() != null) {
            return switch (l.cut().outcome()) {
                case "accepted" -> "accepted";
                case "rejected-accuracy" -> "rejected: over budget";
                case "below-min-keep" -> "stopped: below min keep";
                case "no-cut" -> "no cut";
                default -> l.cut().outcome();
            };
        }
        Progress p = progress.getOrDefault(l.index(), Progress.NONE);
        if (p.accepted()) {
            return "accepted";
        }
        if (l.kept() >= l.features() && l.features() > 0) {
            return "no cut (k = d)";
        }
        if (!running) {
            return "not finished";
        }
        return Double.isNaN(p.validationCut()) ? "cutting…" : Double.isNaN(p.validationDistilled())
                ? "cut, distilling…" : "distilled, checking budget…";
    }

    /** Validation accuracy after distillation (the record's, else the metric's); NaN when not cut or not yet. */
    public double validation(Layer l) {
        if (l.cut() != null && !Double.isNaN(l.cut().validationDistilled())) {
            return l.cut().validationDistilled();
        }
        return progress.getOrDefault(l.index(), Progress.NONE).validationDistilled();
    }

    private static Cut cut(JsonNode c) {
        return new Cut(c.path("cutWidth").asInt(0), c.path("widthAfter").asInt(0), number(c, "validationCut"),
                number(c, "validationDistilled"), c.path("outcome").asText(""));
    }

    private static double number(JsonNode n, String field) {
        return n.path(field).isNumber() ? n.get(field).asDouble() : Double.NaN;
    }
}
