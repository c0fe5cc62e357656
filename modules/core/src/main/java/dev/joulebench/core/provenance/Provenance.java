package dev.joulebench.core.provenance;

import java.util.List;
import java.util.Map;

/**
 * Where a run's numbers came from: enough to reproduce it or to explain why it differs.
 *
 * @param libraries versions of the libraries and engines that did the work (e.g. djl, pytorch)
 * @param settings  facts decided at run time, e.g. the device actually used and the thread count
 */
public record Provenance(String joulebenchVersion, String gitCommit, long seed, Hardware hardware, Software software,
                         Map<String, String> libraries, Map<String, String> settings) {

    public record Hardware(String cpuModel, int cpuCount, long ramBytes, List<String> gpus, String hostname) {}

    public record Software(String os, String osVersion, String arch, String javaVersion, String javaVendor,
                           String jvm) {}

    public Provenance withSettings(Map<String, String> newSettings) {
        return new Provenance(joulebenchVersion, gitCommit, seed, hardware, software, libraries,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(newSettings)));
    }
}
