package dev.joulebench.app.panes.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a small run directory in the formats of core RunDirectory, energy PowerCsv and train's spectra writers. */
public final class RunFiles {
    private RunFiles() {}

    /**
     * @param steps   train/loss points at steps 100, 200, ... (t = step / 100 s), and one val/accuracy
     * @param seconds power.csv rows every 0.1 s up to this time, cpu at {@code watts}, gpu0 at 1 W measured
     */
    public static void write(Path dir, String id, int steps, double seconds, double watts, String cpuMethod)
            throws IOException {
        Files.createDirectories(dir.resolve("spectra"));
        Files.writeString(dir.resolve("run.json"), """
                {"id":"%s","kind":"train","method":"bp","status":"finished",
                 "spec":{"kind":"train","method":"bp","dataset":"samples","model":"mlp:784-32-10"},
                 "summary":{"energy/kwh":1.2e-5},
                 "reports":{"energy":{"it_energy_kwh":1.2e-5,"co2e_kg":5.7e-6,"water_l":0.0}}}
                """.formatted(id));
        StringBuilder m = new StringBuilder();
        for (int i = 1; i <= steps; i++) {
            m.append(String.format(Locale.ROOT,
                    "{\"t\":%.3f,\"step\":%d,\"epoch\":0,\"name\":\"train/loss\",\"value\":%.3f}%n", (double) i, i * 100,
                    2.0 / i));
        }
        m.append(String.format(Locale.ROOT,
                "{\"t\":%.3f,\"step\":%d,\"epoch\":0,\"name\":\"val/accuracy\",\"value\":0.8}%n", steps + 0.1,
                steps * 100));
        Files.writeString(dir.resolve("metrics.jsonl"), m);
        StringBuilder p = new StringBuilder("t,cpu_watts_" + cpuMethod + ",gpu0_watts_measured,gpu0_joules_measured\n");
        for (int i = 0; i * 0.1 <= seconds + 1e-9; i++) {
            p.append(String.format(Locale.ROOT, "%.3f,%.3f,1.000,%.3f%n", i * 0.1, watts, i * 0.1));
        }
        Files.writeString(dir.resolve("power.csv"), p);
        String act = "{\"t\":%s,\"step\":%d,\"epoch\":0,\"layer\":\"relu1\",\"samples\":10,\"features\":4,"
                + "\"spectral_gap\":1.0,\"mp_lambda_plus\":3.0,\"outliers\":1.0,\"eigenvalues\":[0.5,1.0,1.5,4.0]}\n";
        Files.writeString(dir.resolve("spectra/activations.jsonl"),
                String.format(Locale.ROOT, act, "1.0", 100) + String.format(Locale.ROOT, act, "2.0", 200));
        Files.writeString(dir.resolve("spectra/weights.json"), """
                [{"layer":"dense1","n":784,"m":32,"mp":{"sigma2":1.0,"ratio":0.04,"lambdaMinus":0.6,"lambdaPlus":1.5,
                  "margin":0.01,"ks":0.1,"spikes":1,"spikeValues":[1.9]},
                  "histogram":{"edges":[0.0,1.0,2.0],"density":[0.6,0.4]},
                  "mpCurve":{"x":[0.7,1.0,1.4],"y":[0.5,1.0,0.4]}}]
                """);
    }
}
