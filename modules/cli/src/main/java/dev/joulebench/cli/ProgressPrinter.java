package dev.joulebench.cli;

import dev.joulebench.core.metric.MetricKeys;
import dev.joulebench.core.event.RunEvent;
import dev.joulebench.core.event.RunEventListener;
import java.util.Locale;

/**
 * Shows a run on the console: on a terminal a redrawn progress bar (at most 10 redraws a second)
 * with the latest train loss; elsewhere one plain line per log message. Runs on the event bus's
 * thread, never on the job's.
 */
final class ProgressPrinter implements RunEventListener {
    private static final int WIDTH = 30;
    private final Console console;
    private long lastDraw;
    private boolean barShown;
    private double lastLoss = Double.NaN;

    ProgressPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.Progress p) {
            if (console.terminal()) {
                long now = System.nanoTime();
                if (now - lastDraw > 100_000_000L || p.done() == p.total()) {
                    lastDraw = now;
                    drawBar(p);
                }
            }
        } else if (event instanceof RunEvent.MetricPoint m) {
            if (m.name().equals(MetricKeys.TRAIN_LOSS)) {
                lastLoss = m.value();
            }
        } else if (event instanceof RunEvent.LogLine l) {
            clearBar();
            console.info().println(l.message());
        } else if (event instanceof RunEvent.RunStarted s) {
            console.info().println("run " + s.runId() + " started (" + s.runDir() + ")");
        } else if (event instanceof RunEvent.RunEnded e) {
            clearBar();
        }
        console.info().flush();
    }

    private void drawBar(RunEvent.Progress p) {
        double f = p.total() > 0 ? (double) p.done() / p.total() : 0;
        int filled = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String loss = Double.isNaN(lastLoss) ? "" : String.format(Locale.ROOT, "  loss %.4f", lastLoss);
        console.info().print(String.format(Locale.ROOT, "\r%s [%s] %3.0f%% %d/%d%s  %.0fs   ", p.phase(), bar,
                f * 100, p.done(), p.total(), loss, p.t()));
        barShown = true;
    }

    private void clearBar() {
        if (barShown) {
            console.info().print("\r" + " ".repeat(100) + "\r");
            barShown = false;
        }
    }
}
