package dev.joulebench.core;

import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.util.List;
import java.util.Objects;

/**
 * What a spec is checked against and a job is made in: the workspace's runs (a {@code --model RUN}
 * is looked up there) and the devices of this machine.
 */
public record JobEnvironment(RunStore store, DeviceInventory devices) {
    public JobEnvironment {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(devices, "devices");
    }

    /** The workspace's runs and the devices the installed engine sees. */
    public static JobEnvironment of(RunStore store) {
        return new JobEnvironment(store, DeviceInventory.installed());
    }

    /** The problem with a syntactically valid device request on this machine (gpu where there is none), if any. */
    public List<SpecProblem> deviceProblems(String device) {
        if (device == null || !(device.equals("gpu") || device.startsWith("gpu:"))) {
            return List.of();
        }
        int index;
        try {
            index = device.equals("gpu") ? 0 : Integer.parseInt(device.substring(4));
        } catch (NumberFormatException e) {
            return List.of(); // the spec's own problems() names a malformed device
        }
        int gpus = devices.gpuCount();
        if (gpus == 0) {
            return List.of(new SpecProblem("device", "this machine has no GPU the engine can use (got '" + device
                    + "')", "use --device cpu or auto, or install DJL's CUDA natives (README, 'GPU')"));
        }
        if (index >= gpus) {
            return List.of(new SpecProblem("device", "only " + gpus + " GPU(s) here (gpu:0..gpu:" + (gpus - 1)
                    + "), got '" + device + "'", "pick gpu:0.." + (gpus - 1)));
        }
        return List.of();
    }
}
