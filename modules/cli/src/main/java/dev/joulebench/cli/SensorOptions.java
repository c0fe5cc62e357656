package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.TrackingMode;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How power is read: the options every job command and `energy` share. */
public final class SensorOptions {
    @Option(names = "--cpu-tdp", paramLabel = "W",
            description = "CPU TDP in watts for the CPU load model (default: Joulebench's CPU table, else threads x 4 W).")
    Double cpuTdp;

    @Option(names = "--tracking-mode", paramLabel = "machine|process", defaultValue = "machine",
            description = "machine: the whole device; process: this process's share of the CPU (default ${DEFAULT-VALUE}).")
    String trackingMode;

    @Option(names = "--power-hz", paramLabel = "HZ", defaultValue = "10",
            description = "Power sampling rate (default ${DEFAULT-VALUE} Hz).")
    double hz;

    SensorEnvironment environment() {
        if (cpuTdp != null && !(cpuTdp > 0 && cpuTdp < 2000)) {
            throw new BadInputException("--cpu-tdp must be a power in watts between 0 and 2000 (got " + cpuTdp + ")");
        }
        if (!(hz > 0 && hz <= 1000)) {
            throw new BadInputException("--power-hz must be in (0, 1000] (got " + hz + ")");
        }
        return SensorEnvironment.system(mode(), cpuTdp);
    }

    TrackingMode mode() {
        try {
            return TrackingMode.valueOf(trackingMode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--tracking-mode must be machine or process (got '" + trackingMode + "')");
        }
    }
}
