package dev.joulebench.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.joulebench.core.BadInputException;

/** Maps the user's device request (auto, cpu, gpu, gpu:N) to a DJL device the engine really has. */
public final class Devices {
    private Devices() {}

    public static Device resolve(String request, Engine engine) {
        int gpus = engine.getGpuCount();
        if (request == null || request.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (request.equals("cpu")) {
            return Device.cpu();
        }
        if (request.equals("gpu") || request.startsWith("gpu:")) {
            int index = request.equals("gpu") ? 0 : Integer.parseInt(request.substring(4));
            if (gpus == 0) {
                throw new BadInputException("--device " + request + ": PyTorch (" + engine.getVersion()
                        + ") sees no GPU. Use --device cpu, or install DJL's CUDA natives (see README, 'GPU').");
            }
            if (index >= gpus) {
                throw new BadInputException("--device " + request + ": only " + gpus + " GPU(s) visible (gpu:0.."
                        + (gpus - 1) + ")");
            }
            return Device.gpu(index);
        }
        throw new BadInputException("--device must be auto, cpu, gpu or gpu:N (got '" + request + "')");
    }

    /** The device as Joulebench names it: cpu or gpu:N. */
    public static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }
}
