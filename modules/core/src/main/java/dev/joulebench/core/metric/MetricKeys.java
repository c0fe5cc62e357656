package dev.joulebench.core.metric;

import java.util.Locale;

/**
 * The names of metrics ({@code metrics.jsonl}) and summary numbers ({@code run.json}) that more than one
 * module writes or reads: one vocabulary, so a trainer, the command line's tables and the app's panes
 * cannot drift apart. {@code split/} prefixes are train, val and test.
 */
public final class MetricKeys {
    private MetricKeys() {}

    // ---- streamed during training
    /** Mean step loss over the last {@code LossWindow.EVERY} optimizer steps. */
    public static final String TRAIN_LOSS = "train/loss";
    /** Mean training loss of an epoch, weighted by batch size. */
    public static final String TRAIN_EPOCH_LOSS = "train/epoch_loss";
    public static final String TRAIN_SAMPLES_PER_SECOND = "train/samples_per_second";
    public static final String TRAIN_ACTIVE_LAYER = "train/active_layer";
    public static final String VAL_ACCURACY = "val/accuracy";
    public static final String VAL_LOSS = "val/loss";
    public static final String TEST_ACCURACY = "test/accuracy";
    public static final String TEST_LOSS = "test/loss";

    // ---- summary of a training run
    public static final String VAL_BEST_ACCURACY = "val/best_accuracy";
    /** 1-based epoch whose weights were kept. */
    public static final String BEST_EPOCH = "best_epoch";
    public static final String EPOCHS = "epochs";
    public static final String STEPS = "steps";
    public static final String TRAIN_SECONDS = "train/seconds";
    public static final String PARAMS = "params";
    public static final String SPECTRA_SNAPSHOTS = "spectra/snapshots";
    public static final String SPECTRA_SHARE_OF_TRAIN_TIME = "spectra/share_of_train_time";
    public static final String SPECTRA_MEAN_ALPHA = "spectra/mean_alpha";

    // ---- healing (compression) on the same loop
    public static final String HEAL_LOSS = "heal/loss";
    public static final String HEAL_EPOCH_LOSS = "heal/epoch_loss";
    public static final String HEAL_VAL_ACCURACY = "heal/val_accuracy";
    public static final String HEAL_VAL_LOSS = "heal/val_loss";

    // ---- evaluation and inference
    public static final String SAMPLES = "samples";
    public static final String SAMPLES_PER_SECOND = "samples_per_second";
    /** Prefix of a phase's inference count, e.g. {@code inferences/eval}. */
    public static final String INFERENCES = "inferences/";

    // ---- energy and footprint (written by the energy meter)
    public static final String ENERGY_KWH = "energy/kwh";
    public static final String ENERGY_ESTIMATED_SHARE = "energy/estimated_share";
    /**
     * The most seconds any one source went unmeasured (power intervals next to a failed read, with no
     * counter to bridge them): its energy figure is a lower bound by that much time; 0 when none.
     */
    public static final String ENERGY_UNMEASURED_SECONDS = "energy/unmeasured_seconds";
    public static final String CO2E_EMBODIED_KG = "co2e/embodied_kg";
    public static final String CO2E_KG = "co2e/kg";
    /**
     * Litres of water, on-site (WUE) plus off-site (electricity generation, the country's EWIF): Joulebench's
     * fuller figure. emissions.csv's {@code water_consumed} is CodeCarbon's on-site figure only.
     */
    public static final String WATER_L = "water/l";
    public static final String MEMORY_PEAK_RSS_MIB = "memory/peak_rss_mib";

    // ---- run bookkeeping (written by the job runner)
    /** Events of the run that some listener (progress bar, app pane) missed because its queue was full; present only when > 0. */
    public static final String EVENTS_DROPPED = "events/dropped";

    /** {@code split/name}, e.g. {@code val/accuracy}. */
    public static String of(String split, String name) {
        return split + "/" + name;
    }

    /** A per-part metric of a layer-local method, 1-based: {@code train/layer2_loss}, {@code val/block1_accuracy}. */
    public static String part(String split, String part, int index, String name) {
        return split + "/" + part + index + "_" + name;
    }

    /** Energy of one phase or source: {@code energy/train_kwh}, {@code energy/gpu_kwh}. */
    public static String energyOf(String phaseOrSource) {
        return "energy/" + phaseOrSource.toLowerCase(Locale.ROOT) + "_kwh";
    }
}
