package dev.joulebench.cli;

import dev.joulebench.core.provenance.ProvenanceCollector;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"joulebench " + ProvenanceCollector.joulebenchVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
