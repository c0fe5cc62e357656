package dev.joulebench.app.panes.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Items in time order (power readings, spectral snapshots) with a nearest-in-time lookup by binary
 * search. Thread-safe: appended by the event or loader thread, queried by the FX thread.
 *
 * @param <T> the item type
 */
public final class TimedIndex<T> {
    private final ToDoubleFunction<T> timeOf;
    private final List<T> items = new ArrayList<>();

    public TimedIndex(ToDoubleFunction<T> timeOf) {
        this.timeOf = timeOf;
    }

    /** Appends; an item older than the last one is inserted in its place so the order holds. */
    public synchronized void add(T item) {
        double t = timeOf.applyAsDouble(item);
        int i = items.size();
        while (i > 0 && timeOf.applyAsDouble(items.get(i - 1)) > t) {
            i--;
        }
        items.add(i, item);
    }

    public synchronized void clear() {
        items.clear();
    }

    public synchronized int size() {
        return items.size();
    }

    public synchronized List<T> all() {
        return List.copyOf(items);
    }

    /** The item whose time is nearest to {@code t} (the earlier one on a tie); null when empty or t is NaN. */
    public synchronized T nearest(double t) {
        int i = nearestIndex(t);
        return i < 0 ? null : items.get(i);
    }

    /** Index of the nearest item, -1 when empty or t is NaN. */
    public synchronized int nearestIndex(double t) {
        if (items.isEmpty() || Double.isNaN(t)) {
            return -1;
        }
        int lo = 0;
        int hi = items.size() - 1;
        while (lo < hi) { // first index with time >= t
            int mid = (lo + hi) >>> 1;
            if (timeOf.applyAsDouble(items.get(mid)) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            double before = t - timeOf.applyAsDouble(items.get(lo - 1));
            double after = Math.abs(timeOf.applyAsDouble(items.get(lo)) - t);
            if (before <= after) {
                return lo - 1;
            }
        }
        return lo;
    }
}
