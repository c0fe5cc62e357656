package dev.joulebench.core;

import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.util.List;
import java.util.Objects;

/**
 * What a spec is checked against and a job is made in: the workspace's runs (a {@code --model RUN}
 * is looked up there), the devices of this machine and what it can give a run (processors, memory).
 */
public record JobEnvironment(RunStore store, DeviceInventory devices, MachineResources resources) {
    public JobEnvironment {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(resources, "resources");
    }

    /** With this machine's resources as they are now. */
    public JobEnvironment(RunStore store, DeviceInventory devices) {
        this(store, devices, MachineResources.detect());
    }

    /** The workspace's runs and the devices the installed engine sees. */
    public static JobEnvironment of(RunStore store) {
        return new JobEnvironment(store, DeviceInventory.installed());
    }

    /** The same environment with other resources (a --memory-limit, a test's small machine). */
    public JobEnvironment with(MachineResources other) {
        return new JobEnvironment(store, devices, other);
    }

    /**
     * A thread count above this machine's processors is refused: PyTorch would start that many workers per
     * pool and thrash (5,000 threads on 2 cores left a run hung for minutes). 0 means the engine's default.
     */
    public List<SpecProblem> threadProblems(String field, int threads) {
        int max = resources.processors();
        if (threads <= max) {
            return List.of();
        }
        return List.of(new SpecProblem(field, threads + " threads is more than the " + max + " processor"
                + (max == 1 ? "" : "s") + " this machine gives the JVM", "give 1.." + max
                + ", or 0 for the engine's default"));
    }

    /**
     * The estimate against what is free: the compute parts against the GPU's free memory when the run
     * computes on a GPU whose memory the engine reports (else against host memory, with the heap parts), the
     * heap parts against the Java heap. Each refusal states the estimate by part and the limit.
     */
    public List<SpecProblem> memoryProblems(String device, MemoryEstimate estimate) {
        List<SpecProblem> problems = new java.util.ArrayList<>();
        String hint = "use a smaller model or --batch; --memory-limit SIZE allows more, --memory-limit off skips this check";
        java.util.OptionalLong gpuFree = gpuIndex(device).map(devices::gpuFreeMemory)
                .orElse(java.util.OptionalLong.empty());
        long hostNeed;
        if (gpuFree.isPresent()) {
            if (estimate.computeBytes() > gpuFree.getAsLong()) {
                problems.add(new SpecProblem("memory", "needs about " + MachineResources.bytes(estimate.computeBytes())
                        + " of GPU memory (" + MemoryEstimate.describe(estimate.compute()) + "), more than the "
                        + MachineResources.bytes(gpuFree.getAsLong()) + " free on " + device, hint));
            }
            hostNeed = estimate.heapBytes();
        } else {
            hostNeed = MemoryEstimate.plus(estimate.computeBytes(), estimate.heapBytes());
        }
        if (resources.memoryBytes() != MachineResources.UNLIMITED && hostNeed > resources.memoryBytes()) {
            java.util.Map<String, Long> parts = new java.util.LinkedHashMap<>(gpuFree.isPresent() ? java.util.Map.of()
                    : estimate.compute());
            parts.putAll(estimate.heap());
            problems.add(new SpecProblem("memory", "needs about " + MachineResources.bytes(hostNeed) + " of memory ("
                    + MemoryEstimate.describe(parts) + "), more than the " + MachineResources.bytes(resources.memoryBytes())
                    + " available (" + resources.memorySource() + ")", hint));
        } else if (resources.memoryBytes() != MachineResources.UNLIMITED
                && estimate.heapBytes() > resources.heapFreeBytes()) {
            problems.add(new SpecProblem("memory", "its data needs about " + MachineResources.bytes(estimate.heapBytes())
                    + " of Java heap (" + MemoryEstimate.describe(estimate.heap()) + "), more than the "
                    + MachineResources.bytes(resources.heapFreeBytes()) + " the JVM has free",
                    "give the JVM more heap (JAVA_OPTS=-Xmx8g), or use --limit-train"));
        }
        return problems;
    }

    /** The GPU a device string computes on: gpu, gpu:N, or auto where there is a GPU (DJL then takes GPU 0). */
    private java.util.Optional<Integer> gpuIndex(String device) {
        if (device == null || device.equals("auto")) {
            return devices.gpuCount() > 0 ? java.util.Optional.of(0) : java.util.Optional.empty();
        }
        if (device.equals("gpu")) {
            return java.util.Optional.of(0);
        }
        if (device.startsWith("gpu:")) {
            try {
                return java.util.Optional.of(Integer.parseInt(device.substring(4)));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
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
