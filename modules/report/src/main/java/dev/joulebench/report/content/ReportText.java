package dev.joulebench.report.content;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.provenance.Provenance;
import dev.joulebench.core.store.RunStatus;
import dev.joulebench.report.data.Assumptions;
import dev.joulebench.report.data.EnergyReport;
import dev.joulebench.report.data.EnergySource;
import dev.joulebench.report.data.RunData;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The sentences a report writes about a run: its status, how its energy was obtained, how to cite its footprint. */
final class ReportText {
    private ReportText() {}

    /** What the status means for the reader, or null for a finished run. */
    static String statusNotice(RunData run) {
        String recorded = String.format(Locale.ROOT, "%d metric points, %d power samples%s%s", run.metrics().size(),
                run.power().rows().size(), run.weights().isEmpty() ? "" : ", weight spectra",
                run.compression() == null ? "" : ", compression files");
        RunStatus s = run.status();
        String error = run.record().error() == null || run.record().error().isBlank() ? ""
                : " The error: " + run.record().error().strip();
        return switch (s) {
            case FINISHED -> null;
            case FAILED -> "This run FAILED and did not finish." + error + " The report shows what the run recorded "
                    + "before it stopped (" + recorded + "); figures that need the end of the run are missing (–).";
            case CANCELLED -> "This run was CANCELLED before it finished. The report shows what it recorded up to "
                    + "the cancel (" + recorded + "); its energy and footprint cover only that part.";
            case PRUNED -> "This run was PRUNED by its study: its validation results after an epoch were below the "
                    + "median of the study's other trials, so it was stopped early. The report shows what it recorded ("
                    + recorded + "); its energy and footprint cover only that part.";
            case INTERRUPTED -> "This run was INTERRUPTED: its process ended without marking the run finished "
                    + "(killed, or the machine stopped). The report shows what it recorded (" + recorded + "); the "
                    + "summary, energy and footprint figures that are written at the end are missing (–).";
            case RUNNING -> "This run is STILL RUNNING: the report is a snapshot of what it has recorded so far ("
                    + recorded + ").";
        };
    }

    /** "measured", "estimated" or "partly estimated (62 %)", from the sources or the summary's share. */
    static String energyMethod(RunData run) {
        EnergyReport e = run.energy();
        if (e != null && !e.sources().isEmpty()) {
            if (e.allEstimated()) {
                return "estimated";
            }
            if (!e.anyEstimated()) {
                return "measured";
            }
        }
        double share = run.estimatedShare();
        if (!Double.isFinite(share) && e == null && !run.power().sources().isEmpty()) {
            boolean estimated = run.power().sources().stream()
                    .allMatch(s -> s.method() == dev.joulebench.energy.Method.ESTIMATED);
            boolean measured = run.power().sources().stream()
                    .noneMatch(s -> s.method() == dev.joulebench.energy.Method.ESTIMATED);
            return (estimated ? "estimated" : measured ? "measured" : "partly estimated") + ", replayed from power.csv";
        }
        if (!Double.isFinite(share)) {
            return "method not recorded";
        }
        if (share >= 0.999) {
            return "estimated";
        }
        return share <= 0.001 ? "measured" : String.format(Locale.ROOT, "partly estimated (%.0f %% of it)", share * 100);
    }

    /** The sources as one phrase: "cpu estimated (model), ram estimated (model)". */
    static String sources(EnergyReport e) {
        return e.sources().stream().map(s -> s.id() + " " + s.method() + (s.how().isEmpty() ? "" : " (" + s.how() + ")"))
                .collect(Collectors.joining(", "));
    }

    static String hardware(Provenance p) {
        if (p == null || p.hardware() == null) {
            return "hardware not recorded";
        }
        Provenance.Hardware h = p.hardware();
        String gpus = h.gpus() == null || h.gpus().isEmpty() ? "" : " with " + String.join(", ", h.gpus());
        return (h.cpuModel() == null ? "an unknown CPU" : h.cpuModel()) + " (" + h.cpuCount() + " CPU threads, "
                + String.format(Locale.ROOT, "%.1f GB RAM", h.ramBytes() / 1e9) + ")" + gpus;
    }

    /** The ready paragraph to paste into a paper or a lab report, with the run's own figures. */
    static String howToReport(RunData run) {
        StringBuilder sb = new StringBuilder();
        boolean profile = run.compression() != null && run.compression().mode().equals("sensitivity");
        String verb = profile ? "We profiled the compression sensitivity of" : switch (run.kind()) {
            case "compress" -> "We compressed";
            case "eval" -> "We evaluated";
            default -> "We trained";
        };
        sb.append(verb).append(' ').append(run.model());
        if (!run.method().isEmpty()) {
            sb.append(" (method ").append(run.method()).append(')');
        }
        if (!run.dataset().isEmpty()) {
            sb.append(" on ").append(run.dataset());
        }
        double epochs = run.number(MetricKeys.EPOCHS);
        if (Double.isFinite(epochs)) {
            sb.append(" for ").append(Fmt.count(epochs)).append(epochs == 1 ? " epoch" : " epochs");
        }
        sb.append(" in ").append(Fmt.seconds(run.wallSeconds())).append(" of wall time on ")
                .append(hardware(run.record().provenance())).append(". ");
        if (Double.isFinite(run.kwh())) {
            sb.append("The run used ").append(Fmt.kwh(run.kwh())).append(" (").append(Fmt.energy(run.kwh()))
                    .append(") of IT energy, ").append(energyMethod(run));
            if (run.energy() != null && !run.energy().sources().isEmpty()) {
                sb.append(" (").append(sources(run.energy())).append(')');
            }
            sb.append(". ");
            Assumptions a = run.energy() == null ? null : run.energy().assumptions();
            if (a != null && a.recorded()) {
                sb.append("With a PUE of ").append(Fmt.fixed(a.pue(), 2)).append(" and the grid carbon intensity of ")
                        .append(a.gridCountry().isEmpty() ? a.gridIso3() : a.gridCountry()).append(" (")
                        .append(Fmt.fixed(a.gridGPerKwh(), 0)).append(" g CO₂e/kWh");
                if (a.gridYear() > 0) {
                    sb.append(", ").append(a.gridYear());
                }
                sb.append(") this is ").append(Fmt.co2e(run.co2eKg()));
                if (Double.isFinite(a.embodiedKg())) {
                    sb.append(" (of which ").append(Fmt.co2e(a.embodiedKg())).append(" embodied in the hardware)");
                }
                sb.append(", and ").append(Fmt.water(run.waterL())).append(" of water (on-site WUE ")
                        .append(Fmt.fixed(a.wueLPerKwh(), 2)).append(" L/kWh plus electricity generation ")
                        .append(Fmt.fixed(a.ewifLPerKwh(), 2)).append(" L/kWh). ");
            } else if (Double.isFinite(run.co2eKg())) {
                sb.append("This is ").append(Fmt.co2e(run.co2eKg())).append(". ");
            }
        } else {
            sb.append("Its energy was not recorded. ");
        }
        RunData.Figure acc = run.accuracy();
        if (acc.present()) {
            sb.append("It reached ").append(Fmt.percent(acc.value())).append(' ').append(acc.what())
                    .append(" accuracy. ");
        }
        Provenance p = run.record().provenance();
        sb.append("Measured and recorded with Joulebench");
        if (p != null && p.joulebenchVersion() != null) {
            sb.append(' ').append(p.joulebenchVersion());
        }
        sb.append(" (run ").append(run.id());
        if (p != null && p.gitCommit() != null && !p.gitCommit().isBlank()) {
            sb.append(", commit ").append(p.gitCommit(), 0, Math.min(10, p.gitCommit().length()));
        }
        sb.append(", seed ").append(run.spec() == null || run.spec().seed() == null ? "default" : run.spec().seed())
                .append(").");
        if (run.incomplete()) {
            sb.append(" Note: the run ended ").append(run.status().json()).append(", so these figures cover only the "
                    + "part it recorded.");
        }
        return sb.toString();
    }

    /** The same paragraph for LaTeX. */
    static String latex(String text) {
        return text.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("#", "\\#").replace("_", "\\_")
                .replace("&", "\\&").replace("CO₂e", "CO$_2$e").replace("×", "$\\times$").replace("–", "--")
                .replace(" kWh", "\\,kWh").replace(" g ", "\\,g ").replace(" mg ", "\\,mg ");
    }

    /** The power source averages as one phrase, for the model card. */
    static String power(List<EnergySource> sources) {
        return sources.stream().map(s -> s.id() + " " + Fmt.watts(s.averageWatts()) + " on average (" + s.method() + ")")
                .collect(Collectors.joining("; "));
    }
}
