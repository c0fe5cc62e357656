package dev.joulebench.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the machine, the JVM, Joulebench's version and git commit, and every {@link ProvenanceContributor}. */
public final class ProvenanceCollector {
    private static final Logger LOG = LoggerFactory.getLogger(ProvenanceCollector.class);

    private final List<ProvenanceContributor> contributors;

    public ProvenanceCollector(List<ProvenanceContributor> contributors) {
        this.contributors = List.copyOf(contributors);
    }

    /** With the contributors on the class path. */
    public static ProvenanceCollector fromServiceLoader() {
        List<ProvenanceContributor> found = new ArrayList<>();
        ServiceLoader.load(ProvenanceContributor.class).forEach(found::add);
        return new ProvenanceCollector(found);
    }

    public Provenance collect(long seed) {
        Map<String, String> libraries = new LinkedHashMap<>();
        List<String> gpus = new ArrayList<>();
        for (ProvenanceContributor c : contributors) {
            try {
                libraries.putAll(c.libraries());
                gpus.addAll(c.gpus());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Provenance from {} unavailable: {}", c.getClass().getName(), e.toString());
            }
        }
        return new Provenance(joulebenchVersion(), gitCommit().orElse(null), seed, hardware(gpus), software(),
                libraries, Map.of());
    }

    public static Provenance.Hardware hardware(List<String> gpus) {
        long ram = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            ram = os.getTotalMemorySize();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = null;
        }
        return new Provenance.Hardware(cpuModel(), Runtime.getRuntime().availableProcessors(), ram, List.copyOf(gpus),
                host);
    }

    public static Provenance.Software software() {
        return new Provenance.Software(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    }

    /** The CPU model from /proc/cpuinfo on Linux; elsewhere the architecture. */
    static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                Optional<String> model = lines.filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
                if (model.isPresent()) {
                    return model.get();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.debug("cannot read /proc/cpuinfo", e);
            }
        }
        return System.getProperty("os.arch");
    }

    public static String joulebenchVersion() {
        try (InputStream in = ProvenanceCollector.class.getResourceAsStream("/joulebench-version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOG.debug("no version resource", e);
        }
        return "unknown";
    }

    /** The commit of the checkout Joulebench runs from, read from {@code .git} next to the jars, if any. */
    static Optional<String> gitCommit() {
        try {
            Path start = Path.of(ProvenanceCollector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                Path git = p.resolve(".git");
                if (Files.isDirectory(git)) {
                    return readHead(git);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            LOG.debug("cannot locate code source", e);
        }
        return Optional.empty();
    }

    static Optional<String> readHead(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD")).trim();
            if (!head.startsWith("ref: ")) {
                return Optional.of(head);
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Optional.of(Files.readString(loose).trim());
            }
            Path packed = git.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                try (Stream<String> lines = Files.lines(packed)) {
                    return lines.filter(l -> l.endsWith(" " + ref)).map(l -> l.substring(0, l.indexOf(' '))).findFirst();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read git HEAD", e);
        }
        return Optional.empty();
    }
}
