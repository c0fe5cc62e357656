package dev.joulebench.app.panes;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named data sets of one chart. Data sets are created and written only by the event thread or
 * the loader (under their own write lock: {@link DoubleDataSet#add} takes it and marks the set
 * dirty, and the chart redraws once on its next pulse); the FX thread only reads the list to attach
 * the sets to the renderer. A new generation (a new run shown) replaces the whole list.
 */
final class SeriesSet {
    private final Map<String, DoubleDataSet> byKey = new LinkedHashMap<>();
    private long version;

    /** The data set for {@code key}, created with {@code legend} and CSS {@code style} if new. Writer thread. */
    synchronized DoubleDataSet series(String key, String legend, String style) {
        DoubleDataSet ds = byKey.get(key);
        if (ds == null) {
            ds = new DoubleDataSet(legend, 64);
            if (style != null && !style.isEmpty()) {
                ds.setStyle(style); // before any chart sees it
            }
            byKey.put(key, ds);
            version++;
        }
        return ds;
    }

    synchronized DoubleDataSet get(String key) {
        return byKey.get(key);
    }

    /** Drops every data set (a new run is shown); the chart detaches them on its next sync. */
    synchronized void reset() {
        byKey.clear();
        version++;
    }

    synchronized long version() {
        return version;
    }

    synchronized List<DoubleDataSet> all() {
        return new ArrayList<>(byKey.values());
    }

    synchronized int size() {
        return byKey.size();
    }

    /** Points in the data set for {@code key}, read under its read lock; -1 when there is none. Any thread but a writer holding a lock. */
    int pointCount(String key) {
        DoubleDataSet ds = get(key);
        return ds == null ? -1 : ds.lock().readLockGuard(ds::getDataCount);
    }
}
