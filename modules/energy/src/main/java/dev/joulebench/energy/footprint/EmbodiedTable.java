package dev.joulebench.energy.footprint;

import dev.joulebench.core.BadInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embodied emissions per device class ({@code /energy/embodied.csv}; Cloud Carbon Footprint
 * coefficients: server base 1000 kg, +100 kg per CPU, +150 kg per GPU card, DRAM 533 kg per
 * 384 GB, SSD 100 kg, HDD 50 kg, each over 4 years). A run is charged its duration's share
 * of the lifetime, linearly. Off by default ({@link FootprintSettings#embodied()}) because the
 * figures are coarse class averages, not the machine's own LCA.
 */
public final class EmbodiedTable {
    public static final String RESOURCE = "/energy/embodied.csv";
    public static final List<String> HEADER = List.of("device_class", "kg_co2e", "lifetime_years", "source");
    public static final String GPU = "gpu";
    public static final String CPU = "cpu";
    public static final String SERVER_BASE = "server_base";
    public static final String DRAM_PER_GB = "dram_per_gb";
    /**
     * Seconds in a year of use: 365 days. (The CCF coefficients notebook amortises over
     * 12 × 30 × 24 h = 8640 h a year, 1.4% less; we use the calendar year.)
     */
    public static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private final Map<String, EmbodiedFactor> byClass;

    private EmbodiedTable(Map<String, EmbodiedFactor> byClass) {
        this.byClass = Collections.unmodifiableMap(byClass);
    }

    /** Loads the bundled table. */
    public static EmbodiedTable load() {
        Map<String, EmbodiedFactor> map = new LinkedHashMap<>();
        for (Map<String, String> row : Csv.readResource(RESOURCE, HEADER)) {
            String cls = row.get("device_class");
            EmbodiedFactor f = new EmbodiedFactor(cls, Csv.requireNumber(RESOURCE, row, "kg_co2e"),
                    Csv.requireNumber(RESOURCE, row, "lifetime_years"), row.get("source"));
            if (map.put(cls, f) != null) {
                throw new IllegalStateException(RESOURCE + ": class " + cls + " appears twice");
            }
        }
        return new EmbodiedTable(map);
    }

    /** Every device class in table order. */
    public Map<String, EmbodiedFactor> rows() {
        return byClass;
    }

    /**
     * The factor for a device class.
     *
     * @throws BadInputException for an unknown class, listing the known ones
     */
    public EmbodiedFactor lookup(String deviceClass) {
        EmbodiedFactor f = byClass.get(deviceClass);
        if (f == null) {
            throw new BadInputException("unknown embodied device class '" + deviceClass + "': use one of "
                    + String.join(", ", byClass.keySet()));
        }
        return f;
    }

    /** kgCO2e charged to {@code durationS} seconds of use of all the devices. */
    public double amortisedKg(List<EmbodiedDevice> devices, double durationS) {
        double kg = 0;
        for (EmbodiedDevice d : devices) {
            kg += lookup(d.deviceClass()).amortisedKg(d.quantity(), durationS);
        }
        return kg;
    }
}
