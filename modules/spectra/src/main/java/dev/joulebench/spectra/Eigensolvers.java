package dev.joulebench.spectra;

import dev.joulebench.spectra.spi.EjmlEigensolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery and selection behind {@link SymmetricEigensolver#get()}. Kept apart from the interface so
 * that the ranking and the by-name choice are plain functions of a list, testable without the
 * classpath, and so that a provider that fails to load costs a warning, never the spectra.
 */
final class Eigensolvers {
    private Eigensolvers() {
    }

    /** Looked up only when there is something to say, so a plain run does not initialise logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(Eigensolvers.class);
    }

    /** The solvers on the classpath, ranked once on first use. */
    private static final class Discovered {
        static final List<SymmetricEigensolver> RANKED = rank(load());
    }

    static List<SymmetricEigensolver> discovered() {
        return Discovered.RANKED;
    }

    static SymmetricEigensolver select(String requested) {
        return choose(Discovered.RANKED, requested);
    }

    private static List<SymmetricEigensolver> load() {
        List<SymmetricEigensolver> found = new ArrayList<>();
        Iterator<SymmetricEigensolver> it =
                ServiceLoader.load(SymmetricEigensolver.class, SymmetricEigensolver.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                log().warn("Skipping an eigensolver that could not be loaded: {}", e.getMessage());
            }
        }
        return found;
    }

    /**
     * Keeps the available solvers, adds the EJML default when no solver of that name is among them
     * (a repackaged jar may have lost the service file), and orders them by priority, highest first,
     * then by name so that the choice does not depend on classpath order.
     */
    static List<SymmetricEigensolver> rank(List<SymmetricEigensolver> found) {
        List<SymmetricEigensolver> usable = new ArrayList<>();
        for (SymmetricEigensolver s : found) {
            if (usable(s)) {
                usable.add(s);
            }
        }
        if (usable.stream().noneMatch(s -> s.name().equalsIgnoreCase(EjmlEigensolver.NAME))) {
            usable.add(new EjmlEigensolver());
        }
        usable.sort(Comparator.comparingInt(SymmetricEigensolver::priority).reversed()
                .thenComparing(s -> s.name().toLowerCase(Locale.ROOT)));
        return List.copyOf(usable);
    }

    private static boolean usable(SymmetricEigensolver s) {
        try {
            if (s.isAvailable()) {
                return true;
            }
            log().debug("Eigensolver {} is not available here", s.name());
        } catch (RuntimeException | LinkageError e) {
            log().warn("Skipping eigensolver {}: its availability check failed: {}", s.getClass().getName(), e.toString());
        }
        return false;
    }

    /**
     * {@code requested} (case-insensitive) if given, else the first of {@code ranked}.
     *
     * @throws IllegalStateException if no ranked solver has the requested name
     */
    static SymmetricEigensolver choose(List<SymmetricEigensolver> ranked, String requested) {
        if (requested == null || requested.isBlank()) {
            return ranked.get(0);
        }
        String want = requested.strip();
        for (SymmetricEigensolver s : ranked) {
            if (s.name().equalsIgnoreCase(want)) {
                return s;
            }
        }
        throw new IllegalStateException("No eigensolver named '" + want + "' is available (requested by -D"
                + SymmetricEigensolver.PROPERTY + " or by name); available: "
                + ranked.stream().map(SymmetricEigensolver::name).collect(Collectors.joining(", ")));
    }
}
