package dev.joulebench.app.panes;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points gathered per series and written with one locked {@code set} or {@code add} each, so a burst of
 * events costs one data-set write (and one redraw) per series. Writer threads only.
 */
final class PointBatch {
    private record Key(SeriesSet set, String key) {}

    private record Pending(String legend, String style, DoubleList x, DoubleList y) {}

    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    void add(SeriesSet set, String key, String legend, String style, double x, double y) {
        Pending p = pending.computeIfAbsent(new Key(set, key),
                k -> new Pending(legend, style, new DoubleList(), new DoubleList()));
        p.x().add(x);
        p.y().add(y);
    }

    /** Writes each series' points with one locked call: appended ({@code append}) or replacing its data. */
    boolean flush(boolean append) {
        boolean wrote = false;
        for (Map.Entry<Key, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.x().size() == 0) {
                continue;
            }
            DoubleDataSet ds = e.getKey().set().series(e.getKey().key(), p.legend(), p.style());
            if (append) {
                ds.add(p.x().toArray(), p.y().toArray());
            } else {
                ds.set(p.x().toArray(), p.y().toArray(), p.x().size(), true);
            }
            p.x().clear();
            p.y().clear();
            wrote = true;
        }
        if (!append) {
            pending.clear();
        }
        return wrote;
    }

    void clear() {
        pending.clear();
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] values = new double[64];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
