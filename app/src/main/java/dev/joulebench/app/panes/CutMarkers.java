package dev.joulebench.app.panes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When an RMT-KD run cut each layer, for the loss and accuracy charts' time axis: its {@code rmtkd/cut} metric
 * (one per analysed layer, right after the layer's spectrum) at its run time, labelled with the layer its
 * {@code rmtkd/<layer>/width} metric just named. Written by the panes' one writer (bus thread or loader), read by
 * the FX thread.
 */
final class CutMarkers {
    /** One cut: seconds since the run started and the label drawn at the top of its line. */
    record Marker(double t, String label) {}

    private static final String PREFIX = "rmtkd/";
    private static final String WIDTH = "/width";
    static final String CUT = "rmtkd/cut";
    private final List<Marker> markers = new ArrayList<>();
    private final Map<String, Integer> passes = new HashMap<>();
    private String lastLayer;
    private long version;

    /** Looks at one metric point; returns whether it added a marker. Writer thread. */
    synchronized boolean metric(String name, double t) {
        if (name.startsWith(PREFIX) && name.endsWith(WIDTH) && name.length() > PREFIX.length() + WIDTH.length()) {
            lastLayer = name.substring(PREFIX.length(), name.length() - WIDTH.length());
            return false;
        }
        if (!CUT.equals(name) || !Double.isFinite(t)) {
            return false;
        }
        String layer = lastLayer == null ? "layer" : lastLayer;
        int pass = passes.merge(layer, 1, Integer::sum);
        markers.add(new Marker(t, layer + " cut" + (pass > 1 ? " (pass " + pass + ")" : "")));
        version++;
        return true;
    }

    synchronized void clear() {
        markers.clear();
        passes.clear();
        lastLayer = null;
        version++;
    }

    synchronized List<Marker> all() {
        return List.copyOf(markers);
    }

    synchronized long version() {
        return version;
    }
}
