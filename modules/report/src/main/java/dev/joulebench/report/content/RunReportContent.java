package dev.joulebench.report.content;

import dev.joulebench.report.chart.ChartStyle;
import dev.joulebench.report.chart.RunCharts;
import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.RunData;
import dev.joulebench.report.doc.Paragraph;
import dev.joulebench.report.doc.ReportDocument;
import dev.joulebench.report.doc.Tiles;
import java.util.ArrayList;
import java.util.List;

/** What a report of one run holds, section by section, from the run's files. */
public final class RunReportContent {
    private final EnergySection energy;
    private final CurvesSection curves;
    private final SpectraSection spectra;
    private final CompressionSection compression;

    public RunReportContent(ChartStyle style) {
        RunCharts charts = new RunCharts(style);
        this.energy = new EnergySection(charts);
        this.curves = new CurvesSection(charts);
        this.spectra = new SpectraSection(charts);
        this.compression = new CompressionSection(charts);
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
        energy.write(run, b);
        curves.write(run, b);
        spectra.write(run, b);
        compression.write(run, b);
        AssumptionsSection.write(run, b);
        HowToReportSection.write(run, b);
        ModelCardSection.write(run, b);
        ProvenanceSection.write(run, b);
        String t = title == null || title.isBlank() ? defaultTitle(run) : title.strip();
        String subtitle = "Run " + run.id() + " · " + run.status().json() + " · created " + ProvenanceSection.created(run)
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
}
