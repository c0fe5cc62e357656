package dev.joulebench.core;

import java.util.ServiceLoader;

/**
 * How many GPUs a job could run on here. The nn module installs one backed by the PyTorch engine
 * (found through {@link ServiceLoader}); tests pass a fixed count. Used by {@code check} so that
 * {@code --device gpu} on a machine without one is refused before a run exists.
 */
@FunctionalInterface
public interface DeviceInventory {
    int gpuCount();

    /** Free memory of GPU {@code index} in bytes, where the engine can tell (empty: unknown, not checked). */
    default java.util.OptionalLong gpuFreeMemory(int index) {
        return java.util.OptionalLong.empty();
    }

    /** The installed inventory, or one that reports no GPU when none is installed (a build without DJL). */
    static DeviceInventory installed() {
        return ServiceLoader.load(DeviceInventory.class).findFirst().orElse(() -> 0);
    }
}
