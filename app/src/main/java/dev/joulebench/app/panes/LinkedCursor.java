package dev.joulebench.app.panes;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The one cursor every pane follows: a time (seconds since the run started; NaN = none) and the
 * visible time range (null = each pane fits its data). FX-thread state; panes listen to it and set
 * it from hover, click and zoom.
 */
public final class LinkedCursor {
    private final ReadOnlyDoubleWrapper time = new ReadOnlyDoubleWrapper(this, "time", Double.NaN);
    private final ReadOnlyObjectWrapper<TimeRange> visibleRange = new ReadOnlyObjectWrapper<>(this, "visibleRange");

    public ReadOnlyDoubleProperty timeProperty() {
        return time.getReadOnlyProperty();
    }

    public double time() {
        return time.get();
    }

    /** Moves the cursor to {@code t} seconds (NaN hides it). FX thread. */
    public void moveTo(double t) {
        time.set(t);
    }

    public ReadOnlyObjectProperty<TimeRange> visibleRangeProperty() {
        return visibleRange.getReadOnlyProperty();
    }

    /** Zooms every pane's time axis to {@code range}; null returns them to fitting their data. FX thread. */
    public void zoomTo(TimeRange range) {
        visibleRange.set(range);
    }
}
