package dev.joulebench.energy.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc/cpuinfo} says about the CPU: its model name (as the table lookup needs it) and
 * the number of logical CPUs (for the per-thread default TDP).
 *
 * @param modelName first {@code model name} value, or null when the file has none (many arm64 kernels)
 * @param threads   number of {@code processor} entries, 0 when none were found
 */
public record CpuInfo(String modelName, int threads) {
    public static CpuInfo parse(String text) {
        String model = null;
        int threads = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("processor")) {
                threads++;
            } else if (key.equals("model name") && model == null && !value.isEmpty()) {
                model = value;
            }
        }
        return new CpuInfo(model, threads);
    }

    public static CpuInfo read(Path cpuinfo) throws IOException {
        return parse(Files.readString(cpuinfo));
    }
}
