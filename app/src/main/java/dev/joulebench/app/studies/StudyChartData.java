package dev.joulebench.app.studies;

import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The chartfx data sets of the three study charts. They are written only off the FX thread (the io loader that
 * read the study), each with one locked {@code set} (DoubleDataSet takes its write lock and marks itself dirty; the
 * chart redraws on its next pulse): writing them from the FX thread deadlocked chartfx 11.3.1 here. The history and
 * scatter sets live as long as the view and are attached once; the parallel lines are one set per trial, so they
 * are replaced as a list with a version the FX thread compares before attaching them.
 */
public final class StudyChartData {
    public final DoubleDataSet historyValues = new DoubleDataSet("trial value");
    public final DoubleDataSet historyBest = new DoubleDataSet("best so far");
    public final DoubleDataSet scatterTrials = new DoubleDataSet("trials");
    public final DoubleDataSet scatterFront = new DoubleDataSet("Pareto front");
    private List<DoubleDataSet> parallelLines = List.of();
    private long parallelVersion;

    /** Writes every chart's data. Loader thread. */
    void write(StudyPlots.History history, StudyPlots.Scatter scatter, StudyPlots.Parallel parallel) {
        set(historyValues, history.values());
        set(historyBest, history.bestSoFar());
        set(scatterTrials, scatter.trials());
        set(scatterFront, scatter.front());
        List<DoubleDataSet> lines = new ArrayList<>();
        for (int i = 0; i < parallel.lines().size(); i++) {
            DoubleDataSet ds = new DoubleDataSet("trial " + parallel.trialNumbers().get(i));
            set(ds, parallel.lines().get(i)); // filled before any chart sees it
            lines.add(ds);
        }
        synchronized (this) {
            parallelLines = List.copyOf(lines);
            parallelVersion++;
        }
    }

    /** Empties every chart (no study shown). Loader thread. */
    void clear() {
        StudyPlots.Series none = StudyPlots.Series.EMPTY;
        write(new StudyPlots.History("", none, none), new StudyPlots.Scatter("", "", "", "", none, none),
                new StudyPlots.Parallel(List.of(), List.of(), List.of(), 0));
    }

    public synchronized List<DoubleDataSet> parallelLines() {
        return parallelLines;
    }

    public synchronized long parallelVersion() {
        return parallelVersion;
    }

    private static void set(DoubleDataSet ds, StudyPlots.Series s) {
        ds.set(s.x(), s.y(), s.size(), true);
    }

    /** The points of {@code ds} as {x, y} pairs, read under its read lock. Any thread but one writing it. */
    public static double[][] points(DataSet ds) {
        return ds.lock().readLockGuard(() -> {
            double[][] p = new double[ds.getDataCount()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = new double[] {ds.get(DataSet.DIM_X, i), ds.get(DataSet.DIM_Y, i)};
            }
            return p;
        });
    }
}
