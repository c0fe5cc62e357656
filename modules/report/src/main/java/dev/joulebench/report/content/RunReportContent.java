package dev.joulebench.report.content;

import dev.joulebench.core.Json;
import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.store.SplitRecord;
import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.ActivationSnapshot;
import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.CompressionData;
import dev.joulebench.report.data.EnergyReport;
import dev.joulebench.report.data.EnergySource;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Code;
import dev.joulebench.report.doc.Figure;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.report.doc.Tiles;
import dev.joulebench.spectra.LayerSpectrum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** What a report of one run holds, section by section, from the run's files. */
public final class RunReportContent {
    private final RunCharts charts;

    public RunReportContent(ChartStyle style) {
        this.charts = new RunCharts(style);
    }

    public ReportDocument build(RunData run, String title) {
        Blocks b = new Blocks();
        String notice = ReportText.statusNotice(run);
        if (notice != null) {
            b.add(Paragraph.warning(notice));
        }
        b.add(summary(run));
        if (run.energy() != null && run.energy().anyEstimated()) {
            b.note("Energy marked estimated comes from a model, not a meter (see each source below); treat it as an "
                    + "order of magnitude.");
        }
        energy(run, b);
        curves(run, b);
        spectra(run, b);
        compression(run, b);
        assumptions(run, b);
        howToReport(run, b);
        modelCard(run, b);
        provenance(run, b);
        String t = title == null || title.isBlank() ? defaultTitle(run) : title.strip();
        String subtitle = "Run " + run.id() + " · " + run.status().json() + " · created " + created(run)
                + " · " + Fmt.seconds(run.wallSeconds());
        return new ReportDocument(t, subtitle, false, "Joulebench report of run " + run.id(), b.list());
    }

    static String defaultTitle(RunData run) {
        String what = switch (run.kind()) {
            case "compress" -> "Compression";
            case "eval" -> "Evaluation";
            default -> "Training";
        };
        return what + " run report: " + run.method() + " " + run.model()
                + (run.dataset().isEmpty() ? "" : " on " + run.dataset());
    }

    private static String created(RunData run) {
        String c = run.record().createdAt();
        return c == null ? "–" : c.replace('T', ' ').replaceAll("\\.\\d+", "").replace("Z", " UTC");
    }

    /** The summary strip: the figures a reader looks for first, each with where it comes from. */
    static Tiles summary(RunData run) {
        List<Tiles.Tile> tiles = new ArrayList<>();
        RunData.Figure acc = run.accuracy();
        tiles.add(new Tiles.Tile("Accuracy", Fmt.percent(acc.value()), acc.what().isEmpty() ? "not recorded"
                : acc.what()));
        tiles.add(new Tiles.Tile("Wall time", Fmt.seconds(run.wallSeconds()), run.status().json()));
        tiles.add(new Tiles.Tile("Energy", Fmt.kwh(run.kwh()), ReportText.energyMethod(run) + " · "
                + Fmt.energy(run.kwh())));
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        tiles.add(new Tiles.Tile("CO₂e", Fmt.co2e(run.co2eKg()), a == null || !a.recorded() ? ""
                : Fmt.fixed(a.gridGPerKwh(), 0) + " g/kWh (" + a.gridIso3() + "), PUE " + Fmt.fixed(a.pue(), 2)));
        tiles.add(new Tiles.Tile("Water", Fmt.water(run.waterL()), "on-site + electricity generation"));
        tiles.add(new Tiles.Tile("Peak memory", Fmt.mib(run.peakMemoryMib()), "resident set (VmHWM)"));
        tiles.add(new Tiles.Tile("Parameters", Fmt.count(run.params()), run.model()));
        return new Tiles(tiles);
    }

    private void energy(RunData run, Blocks b) {
        b.section("Energy");
        EnergyReport e = run.energy();
        if (e == null) {
            b.body("The run recorded no energy report (measured with --no-energy, or it ended before its end was "
                    + "written). " + (run.power().rows().isEmpty() ? "" : "Its power.csv holds "
                    + Fmt.kwh(run.replayedKwh()) + " (" + Fmt.energy(run.replayedKwh()) + "), replayed through the "
                    + "energy module's ledger, and is charted below; CO₂e and water need the run's footprint settings, "
                    + "which it did not record."));
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (EnergySource s : e.sources()) {
                rows.add(List.of(s.id(), s.kind(), s.method() + (s.how().isEmpty() ? "" : " (" + s.how() + ")"),
                        kwhCell(s.kwh()), Fmt.watts(s.averageWatts()), Fmt.count(s.samples()),
                        s.failedReads() + (s.unmeasuredSeconds() > 0 ? " (" + Fmt.seconds(s.unmeasuredSeconds())
                                + " unmeasured)" : ""), s.description()));
            }
            rows.add(List.of("total", "", ReportText.energyMethod(run), kwhCell(e.itKwh()), "", "", "",
                    "IT energy; × PUE " + Fmt.fixed(e.assumptions().pue(), 2) + " = " + Fmt.kwh(e.facilityKwh())
                            + " at the facility"));
            b.add(Blocks.table(List.of("source", "kind", "method", "energy kWh", "mean power", "samples",
                    "failed reads", "how it was obtained"), rows, new double[] {0.55, 0.45, 1.1, 0.8, 0.7, 0.65, 0.6, 3.4},
                    new boolean[] {false, false, false, true, true, true, true, false},
                    "Each source as run.json records it: measured (an energy counter, or power readings integrated) "
                            + "or estimated (a model), with what the sensor assumed."));
            if (!e.phasesKwh().isEmpty()) {
                double total = e.phasesKwh().values().stream().mapToDouble(Double::doubleValue).sum();
                List<List<String>> phases = new ArrayList<>();
                e.phasesKwh().forEach((phase, kwh) -> phases.add(List.of(phase, Fmt.kwh(kwh), Fmt.energy(kwh),
                        total > 0 ? Fmt.percent(kwh / total) : Fmt.NONE)));
                b.add(Blocks.table(List.of("phase", "energy", "", "share"), phases, new double[] {1.4, 1, 1, 0.8},
                        new boolean[] {false, true, true, true}, "Energy per phase; setup is everything before the "
                                + "job's first phase (loading the dataset and the engine)."));
            }
            double unmeasured = run.number(MetricKeys.ENERGY_UNMEASURED_SECONDS);
            if (unmeasured > 0) {
                b.add(Paragraph.warning("Some power reads failed: up to " + Fmt.seconds(unmeasured) + " of one source "
                        + "went unmeasured, so its energy is a lower bound by that much time."));
            }
        }
        if (!run.power().rows().isEmpty()) {
            b.chart("power", charts.power(run.power()), 0.42, "Power per source from power.csv (" + run.power().rows().size()
                    + " samples); dashed lines are estimated sources.");
            b.chart("cumulative-energy", charts.cumulativeEnergy(run.energyCurve()), 0.42, "Cumulative energy: power.csv replayed "
                    + "through the energy module's ledger (counters first, failed reads left as gaps), the same "
                    + "rules as the live run.");
        } else {
            b.note("No power samples were recorded (power.csv is missing or empty).");
        }
    }

    private static String kwhCell(double kwh) {
        return Fmt.kwh(kwh).replace(" kWh", "");
    }

    private void curves(RunData run, Blocks b) {
        boolean loss = run.metrics().stream().anyMatch(m -> m.name().endsWith("loss"));
        boolean accuracy = run.metrics().stream().anyMatch(m -> m.name().endsWith("accuracy") && m.epoch() >= 0
                && !m.name().startsWith("test/") && !m.name().contains("/test_"));
        if (!loss && !accuracy) {
            return;
        }
        b.section(run.kind().equals("compress") ? "Healing and accuracy curves" : "Loss and accuracy");
        if (loss) {
            b.chart("loss", charts.loss(run.metrics()), 0.42, "Loss against the optimizer step (train/loss is the mean over "
                    + "a window of steps; epoch and validation losses at the end of each epoch).");
        }
        if (accuracy) {
            b.chart("accuracy", charts.accuracy(run.metrics()), 0.42, "Accuracy per epoch"
                    + (RunCharts.hasTestLine(run.metrics()) ? "; dotted lines are test accuracies (the final one, or "
                    + "before and after compression)." : "."));
        }
    }

    private void spectra(RunData run, Blocks b) {
        if (run.weights().isEmpty() && run.activations().isEmpty()) {
            return;
        }
        b.section("Spectra");
        if (!run.weights().isEmpty()) {
            b.sub("Weight spectra of the final model");
            List<List<String>> rows = new ArrayList<>();
            for (LayerSpectrum s : run.weights()) {
                rows.add(List.of(s.layer(), s.n() + "×" + s.m(), Fmt.fixed(s.powerLaw().alpha(), 2),
                        Fmt.fixed(s.alphaHat(), 2), Integer.toString(s.spikes()), Fmt.sig(s.mp().lambdaPlus()),
                        Fmt.sig(s.mp().sigma2()), Fmt.fixed(s.mp().ks(), 3), Fmt.fixed(s.stableRank(), 2),
                        Fmt.fixed(s.spectralEntropy(), 3), s.flag() == null ? "" : s.flag()));
            }
            b.add(Blocks.table(List.of("layer", "N×M", "α", "α̂", "spikes", "λ+", "σ²", "MP KS", "stable rank",
                    "entropy", "flag"), rows, new double[] {1.5, 0.8, 0.5, 0.5, 0.55, 0.65, 0.65, 0.6, 0.7, 0.65, 1.6},
                    new boolean[] {false, false, true, true, true, true, true, true, true, true, false},
                    "Eigenvalues of WᵀW/N with the Marchenko–Pastur fit (σ², bulk edge λ+, KS distance, spikes above "
                            + "λ+ plus a Tracy–Widom margin) and WeightWatcher's power law (α, α̂ = α·log₁₀ λmax on "
                            + "its σ² scale); α < 2 and α > 6 are flagged."));
            for (LayerSpectrum s : run.weights()) {
                b.chart("weight-spectrum-" + s.layer(), charts.weightSpectrum(s), 0.36, "");
            }
        }
        if (!run.activations().isEmpty()) {
            b.sub("Activation spectra during training");
            b.chart("activation-spectra", charts.activations(run.activations()), 0.42, "Covariance spectrum of each hidden layer's "
                    + "activations on a fixed window of validation images, every few hundred steps.");
            Map<String, ActivationSnapshot> last = new LinkedHashMap<>();
            run.activations().forEach(a -> last.put(a.layer(), a));
            List<List<String>> rows = new ArrayList<>();
            for (ActivationSnapshot a : last.values()) {
                rows.add(List.of(a.layer(), Long.toString(a.step()), a.samples() + "×" + a.features(), Fmt.sig(a.top()),
                        Fmt.sig(a.mpLambdaPlus()), Fmt.fixed(a.outliers(), 0), Fmt.sig(a.spectralGap()),
                        Fmt.fixed(a.spectralEntropy(), 3), Fmt.sig(a.klFromMp())));
            }
            b.add(Blocks.table(List.of("layer", "step", "samples × features", "λmax", "MP λ+", "outliers",
                    "spectral gap", "entropy", "KL from MP"), rows, new double[] {1, 0.6, 1.1, 0.8, 0.8, 0.7, 0.8, 0.7, 0.8},
                    new boolean[] {false, true, false, true, true, true, true, true, true},
                    "The last snapshot of each layer."));
        }
    }

    private void compression(RunData run, Blocks b) {
        CompressionData c = run.compression();
        if (c == null) {
            return;
        }
        b.section(c.mode().equals("sensitivity") ? "Compression sensitivity" : "Compression (" + c.method() + ")");
        if (!c.stages().isEmpty()) {
            List<String> header = new ArrayList<>(List.of("measure"));
            c.stages().forEach(s -> header.add(s.name()));
            header.add("change");
            CompressionData.Stage first = c.stages().get(0);
            CompressionData.Stage last = c.stages().get(c.stages().size() - 1);
            List<List<String>> rows = new ArrayList<>();
            rows.add(stageRow("parameters", c, CompressionData.Stage::params, Fmt::count, first, last, false));
            rows.add(stageRow("size", c, CompressionData.Stage::bytes, Fmt::bytes, first, last, false));
            rows.add(stageRow("MACs per sample", c, CompressionData.Stage::macs, Fmt::count, first, last, false));
            rows.add(stageRow("test accuracy", c, CompressionData.Stage::testAccuracy, Fmt::percent, first, last, true));
            rows.add(stageRow("latency p50 per batch", c, CompressionData.Stage::latencyP50Ms,
                    v -> Fmt.sig(v) + " ms", first, last, false));
            rows.add(stageRow("throughput", c, CompressionData.Stage::samplesPerSecond,
                    v -> Fmt.count(v) + " /s", first, last, false));
            rows.add(stageRow("energy per 1,000 inferences", c, CompressionData.Stage::kwhPer1000Inferences,
                    Fmt::energy, first, last, false));
            double[] w = new double[header.size()];
            boolean[] num = new boolean[header.size()];
            java.util.Arrays.fill(w, 1);
            java.util.Arrays.fill(num, true);
            w[0] = 1.6;
            num[0] = false;
            b.add(Blocks.table(header, rows, w, num, "Measured before compression, right after it and after healing "
                    + "(where healed); change is after ÷ before, or the accuracy difference in points."));
            if (c.healEpochs() > 0) {
                b.note("Healed " + c.healEpochs() + " epoch" + (c.healEpochs() == 1 ? "" : "s") + " with backprop; "
                        + "validation accuracy after healing " + Fmt.percent(c.healValAccuracy()) + ".");
            }
        }
        if (!c.layers().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (CompressionData.Layer l : c.layers()) {
                rows.add(List.of(l.name(), l.inputs() + "×" + l.outputs(), l.setting(), Fmt.count(l.paramsBefore()),
                        Fmt.count(l.paramsAfter()), l.paramsBefore() > 0
                                ? String.format(Locale.ROOT, "×%.3g", (double) l.paramsAfter() / l.paramsBefore()) : "–",
                        Fmt.count(l.macsBefore()), Fmt.count(l.macsAfter()), Fmt.fixed(l.relativeError(), 4)));
            }
            b.add(Blocks.table(List.of("layer", "shape", "setting", "params before", "params after", "ratio",
                    "MACs before", "MACs after", "relative error"), rows,
                    new double[] {0.8, 0.9, 0.8, 1, 1, 0.7, 1, 1, 0.9},
                    new boolean[] {false, false, false, true, true, true, true, true, true},
                    "Per layer, the weight only (biases stay dense); relative error ‖W − Ŵ‖/‖W‖."));
        }
        c.notes().forEach(b::note);
        CompressionData.Sensitivity s = c.sensitivity();
        if (s != null) {
            double aspect = Math.min(0.7, (28 + 16 + 22.0 * s.layers().size() + 10) / 495.0);
            b.add(new Figure("sensitivity", charts.sensitivityHeatmap(s), aspect, "Each cell: validation accuracy with only that "
                    + "layer replaced by an MPO of bond dimension χ."));
            b.chart("accuracy-vs-chi", charts.accuracyVsChi(s), 0.42, "The same profile as lines; policy: " + policy(s) + ".");
        }
    }

    private static String policy(CompressionData.Sensitivity s) {
        String goal = s.policyGoal().isEmpty() ? "none" : s.policyGoal().replace('_', ' ');
        String target = Double.isFinite(s.policyTarget()) ? " " + Fmt.sig(s.policyTarget()) : "";
        String chosen = s.policyChi().isEmpty() ? "every layer stays dense"
                : s.policyChi().entrySet().stream().map(e -> e.getKey() + " χ=" + e.getValue())
                .reduce((x, y) -> x + ", " + y).orElse("");
        return goal + target + " → " + chosen + (s.policyReached() ? "" : " (target not reached)");
    }

    private static List<String> stageRow(String name, CompressionData c,
                                         java.util.function.ToDoubleFunction<CompressionData.Stage> f,
                                         java.util.function.DoubleFunction<String> fmt, CompressionData.Stage first,
                                         CompressionData.Stage last, boolean points) {
        List<String> row = new ArrayList<>(List.of(name));
        c.stages().forEach(s -> row.add(fmt.apply(f.applyAsDouble(s))));
        double a = f.applyAsDouble(first);
        double z = f.applyAsDouble(last);
        String change = !Double.isFinite(a) || !Double.isFinite(z) || first == last ? "" : points
                ? String.format(Locale.ROOT, "%+.2f pt", (z - a) * 100).replace('-', '−')
                : a == 0 ? "" : String.format(Locale.ROOT, "×%.3g", z / a);
        row.add(change);
        return row;
    }

    private static void assumptions(RunData run, Blocks b) {
        b.section("Assumptions");
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        if (a == null || !a.recorded()) {
            b.body("The run recorded no footprint assumptions.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Grid carbon intensity", Fmt.fixed(a.gridGPerKwh(), 1) + " g CO₂e/kWh, "
                + a.gridCountry() + " (" + a.gridIso3() + ")" + (a.gridYear() > 0 ? ", " + a.gridYear() : "")});
        rows.add(new String[] {"  its source", a.gridSource()});
        rows.add(new String[] {"PUE", Fmt.fixed(a.pue(), 2) + " (facility energy = IT energy × PUE)"});
        rows.add(new String[] {"WUE (on-site water)", Fmt.fixed(a.wueLPerKwh(), 3) + " L/kWh"});
        rows.add(new String[] {"EWIF (water of electricity generation)", Fmt.fixed(a.ewifLPerKwh(), 3) + " L/kWh"
                + (a.ewifYear() > 0 ? ", data to " + a.ewifYear() : "") + (a.ewifBasis().isEmpty() ? "" : "; "
                + a.ewifBasis())});
        rows.add(new String[] {"  its source", a.ewifSource()});
        rows.add(new String[] {"Embodied emissions", Double.isFinite(a.embodiedKg()) ? Fmt.co2e(a.embodiedKg())
                + " (the hardware's manufacturing share for the run time)" : "not included (--embodied adds them)"});
        rows.add(new String[] {"Tracking mode", a.trackingMode() + (a.trackingMode().equals("process")
                ? " (this process's CPU share only)" : " (the whole machine)")});
        rows.add(new String[] {"Power sampling", Fmt.fixed(a.samplingHz(), 1) + " Hz"});
        for (String nf : a.notFound()) {
            rows.add(new String[] {"Sensor not found", nf});
        }
        b.keyValues(rows, "CO₂e = IT energy × PUE × grid intensity (+ embodied share); water = IT energy × (WUE + PUE "
                + "× EWIF). The figures and their sources are Joulebench's own tables in assets/energy.");
        if (run.energy() != null && Double.isFinite(run.energy().waterOnsiteL())) {
            b.note("Water: " + Fmt.water(run.energy().waterOnsiteL()) + " on-site + " + Fmt.water(
                    run.energy().waterOffsiteL()) + " for electricity generation = " + Fmt.water(run.waterL())
                    + ". emissions.csv's water_consumed is CodeCarbon's on-site figure only.");
        }
    }

    private static void howToReport(RunData run, Blocks b) {
        b.section("How to report this");
        String text = ReportText.howToReport(run);
        b.add(new Paragraph(text, Paragraph.Style.QUOTE));
        b.note("The same paragraph for LaTeX:");
        b.add(new Code(ReportText.latex(text)));
        b.note("State the energy method with the figure: estimated energy is a model's output and can be off by a "
                + "factor of two or more; measured energy covers only the sources listed.");
    }

    /** The questions of the climate-performance model card (Hershcovich et al. 2022) the run can answer. */
    private static void modelCard(RunData run, Blocks b) {
        b.section("Climate-performance model card");
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        String byHand = "not recorded by the run: answer by hand";
        List<String[]> rows = new ArrayList<>();
        Path model = run.dir().resolve("model");
        rows.add(new String[] {"Is the resulting model publicly available?", byHand + (Files.isDirectory(model)
                ? " (the model is in " + model + ")" : "")});
        double train = run.number(MetricKeys.TRAIN_SECONDS);
        rows.add(new String[] {"How much time does the training of the final model take?", Double.isFinite(train)
                ? Fmt.seconds(train) + " training, " + Fmt.seconds(run.wallSeconds()) + " wall time in all"
                : Fmt.seconds(run.wallSeconds()) + " wall time"});
        rows.add(new String[] {"How much time did all experiments take (incl. hyperparameter search)?",
                "this run: " + Fmt.seconds(run.wallSeconds()) + "; add the other runs (a comparison report sums them)"});
        rows.add(new String[] {"What was the power of GPU and CPU?", run.energy() == null || run.energy().sources()
                .isEmpty() ? "not measured" : ReportText.power(run.energy().sources())});
        rows.add(new String[] {"At which geo location were the computations performed?", a == null || !a.recorded()
                ? byHand : "assumed " + a.gridCountry() + " (" + a.gridIso3() + ", the grid chosen with --country)"});
        rows.add(new String[] {"What was the energy mix at the geo location?", a == null || !a.recorded() ? byHand
                : Fmt.fixed(a.gridGPerKwh(), 0) + " g CO₂e/kWh (" + a.gridSource() + ")"});
        rows.add(new String[] {"How much CO₂eq was emitted to train the final model?", Fmt.co2e(run.co2eKg()) + " ("
                + ReportText.energyMethod(run) + " energy " + Fmt.kwh(run.kwh()) + ")"});
        rows.add(new String[] {"How much CO₂eq was emitted for all experiments?", "this run: "
                + Fmt.co2e(run.co2eKg()) + "; add the other runs"});
        rows.add(new String[] {"What is the average CO₂eq emission for the inference of one sample?", inference(run)});
        rows.add(new String[] {"Which positive environmental impact can be expected from this work?", byHand});
        rows.add(new String[] {"Comments", byHand});
        b.keyValues(rows, "Answers filled from the run's files where it recorded them.");
    }

    private static String inference(RunData run) {
        Assumptions a = run.energy() == null ? null : run.energy().assumptions();
        for (String key : List.of("energy/eval-after_kwh_per_1000_inferences", "energy/eval_kwh_per_1000_inferences",
                "energy/eval-before_kwh_per_1000_inferences")) {
            double kwh = run.number(key);
            if (Double.isFinite(kwh)) {
                String co2 = a != null && Double.isFinite(a.gridGPerKwh())
                        ? ", " + Fmt.co2e(kwh / 1000 * a.pue() * a.gridGPerKwh() / 1000) + " per sample" : "";
                return Fmt.energy(kwh / 1000) + " per sample" + co2 + " (" + key.replace("_kwh_per_1000_inferences", "")
                        .replace("energy/", "") + " phase)";
            }
        }
        double evalKwh = run.number(MetricKeys.energyOf("eval"));
        double samples = run.number(MetricKeys.SAMPLES);
        if (run.kind().equals("eval") && Double.isFinite(evalKwh) && samples > 0) {
            double perSample = evalKwh / samples;
            String co2 = a != null && Double.isFinite(a.gridGPerKwh())
                    ? ", " + Fmt.co2e(perSample * a.pue() * a.gridGPerKwh() / 1000) + " per sample" : "";
            return Fmt.energy(perSample) + " per sample" + co2 + " (eval phase over " + Fmt.count(samples)
                    + " samples)";
        }
        return "not measured by this run (joulebench eval measures the energy per inference)";
    }

    private static void provenance(RunData run, Blocks b) {
        b.section("Provenance");
        Provenance p = run.record().provenance();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Run", run.id()});
        rows.add(new String[] {"Kind / method", run.kind() + " / " + run.method()});
        rows.add(new String[] {"Status", run.status().json() + (run.record().error() == null ? "" : ": "
                + run.record().error())});
        rows.add(new String[] {"Created / ended", created(run) + " / " + (run.record().endedAt() == null ? "–"
                : run.record().endedAt())});
        rows.add(new String[] {"Directory", run.dir().toString()});
        if (p != null) {
            rows.add(new String[] {"Seed", Long.toString(p.seed())});
            rows.add(new String[] {"Joulebench", p.joulebenchVersion() + (p.gitCommit() == null ? "" : ", commit "
                    + p.gitCommit())});
            rows.add(new String[] {"Hardware", ReportText.hardware(p) + (p.hardware() == null ? ""
                    : ", host " + p.hardware().hostname())});
            if (p.software() != null) {
                Provenance.Software s = p.software();
                rows.add(new String[] {"OS", s.os() + " " + s.osVersion() + " (" + s.arch() + ")"});
                rows.add(new String[] {"JVM", s.jvm() + " (Java " + s.javaVersion() + ", " + s.javaVendor() + ")"});
            }
            if (p.libraries() != null) {
                p.libraries().forEach((k, v) -> rows.add(new String[] {"Library " + k, v}));
            }
            if (p.settings() != null) {
                p.settings().forEach((k, v) -> rows.add(new String[] {k, v}));
            }
        }
        SplitRecord split = run.record().split();
        if (split != null) {
            rows.add(new String[] {"Split", split.trainCount() + " train / " + split.validationCount()
                    + " validation, seed " + split.seed() + ", fraction " + Fmt.sig(split.validationFraction())
                    + (split.limit() > 0 ? ", first " + split.limit() + " images" : "")});
            rows.add(new String[] {"  index hashes", "train " + split.trainHash() + ", validation "
                    + split.validationHash()});
        }
        b.keyValues(rows, null);
        b.sub("Spec");
        b.note("The spec as JSON: save it to a file and run it again with joulebench run SPEC.json.");
        b.add(new Code(run.spec() == null ? "(no spec recorded)" : Json.write(run.spec())));
        b.sub("Files");
        b.add(Blocks.table(List.of("file", "bytes"), files(run.dir()), new double[] {3, 1},
                new boolean[] {false, true}, null));
    }

    private static List<List<String>> files(Path dir) {
        List<List<String>> rows = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                long size;
                try {
                    size = Files.size(f);
                } catch (IOException e) {
                    size = -1;
                }
                rows.add(List.of(dir.relativize(f).toString(), size < 0 ? "–" : Fmt.count(size)));
            });
        } catch (IOException e) {
            rows.add(List.of("(cannot list " + dir + ": " + e.getMessage() + ")", ""));
        }
        return rows;
    }
}
