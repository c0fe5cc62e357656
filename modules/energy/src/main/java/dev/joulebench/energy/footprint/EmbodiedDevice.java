package dev.joulebench.energy.footprint;

/**
 * One line of the hardware a run used, for the embodied share: a device class of
 * {@code /energy/embodied.csv} and how many units (cards, CPUs, servers, or GB for
 * {@code dram_per_gb}).
 */
public record EmbodiedDevice(String deviceClass, double quantity) {
    public EmbodiedDevice {
        if (deviceClass == null || deviceClass.isBlank()) {
            throw new IllegalArgumentException("device class is required");
        }
        if (!(quantity >= 0) || !Double.isFinite(quantity)) {
            throw new IllegalArgumentException(deviceClass + ": quantity must be >= 0, got " + quantity);
        }
    }

    public static EmbodiedDevice gpus(int count) {
        return new EmbodiedDevice(EmbodiedTable.GPU, count);
    }

    public static EmbodiedDevice cpus(int count) {
        return new EmbodiedDevice(EmbodiedTable.CPU, count);
    }

    public static EmbodiedDevice server() {
        return new EmbodiedDevice(EmbodiedTable.SERVER_BASE, 1);
    }

    public static EmbodiedDevice dramGb(double gigabytes) {
        return new EmbodiedDevice(EmbodiedTable.DRAM_PER_GB, gigabytes);
    }
}
