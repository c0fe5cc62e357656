package dev.joulebench.testkit.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.PowerSensorProvider;
import dev.joulebench.energy.SensorEnvironment;
import dev.joulebench.energy.SensorProbe;
import dev.joulebench.energy.TrackingMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of a {@link PowerSensorProvider}, which {@code Sensors.discover} calls on every run:
 * probing never throws, whatever the machine's {@code /sys} and {@code /proc} hold (a provider
 * that throws costs the run its sensors), every probe says what it found or why not, and the
 * sensors found have unique ids (power.csv has one column per id) and honour the
 * {@link PowerSensorContract} readings rules even on a broken tree.
 *
 * <p>Extend it once per provider: say how to make the provider and how to write a tree on which it
 * finds at least one sensor. Probes run against a temporary root given through
 * {@link SensorEnvironment#root()}; each sensor found is closed after the test.
 */
@Timeout(60)
public abstract class PowerSensorProviderContract {
    @TempDir
    protected Path root;

    /** A fresh provider under test, reading nothing outside the environment it is given (or a fake library). */
    protected abstract PowerSensorProvider provider();

    /** Writes a tree under {@code root} on which {@link #provider()} finds at least one sensor. */
    protected abstract void healthyTree(Path root) throws IOException;

    /** The environment for a root; process tracking with a JVM that reports its CPU time. */
    protected SensorEnvironment environment(Path root, TrackingMode mode) {
        return new SensorEnvironment(root, mode, null, () -> 1_000_000L);
    }

    static Stream<Arguments> hostile() {
        List<Arguments> out = new ArrayList<>();
        for (HostileTrees.Tree t : HostileTrees.all()) {
            for (TrackingMode m : TrackingMode.values()) {
                out.add(Arguments.of(t, m));
            }
        }
        return out.stream();
    }

    @Test
    void hasAName() {
        assertThat(provider().name()).isNotBlank();
    }

    @Test
    void aHealthyTreeGivesWellFormedProbesAndAtLeastOneSensor() throws IOException {
        healthyTree(root);
        for (TrackingMode mode : TrackingMode.values()) {
            List<SensorProbe> probes = probe(environment(root, mode));
            try {
                assertThat(probes).as("%s probes in %s tracking", provider().name(), mode)
                        .anyMatch(SensorProbe::available);
                wellFormed(probes);
            } finally {
                close(probes);
            }
        }
    }

    @ParameterizedTest(name = "{0}, {1} tracking")
    @MethodSource("hostile")
    void neverThrowsOnAHostileTreeAndWhatItFindsReadsWithinTheContract(HostileTrees.Tree tree, TrackingMode mode)
            throws IOException {
        tree.writer().write(root);
        List<SensorProbe> probes = probe(environment(root, mode));
        try {
            wellFormed(probes);
            for (SensorProbe p : probes) {
                if (p.sensor() != null) {
                    // twice: a first read may only set a baseline
                    Readings.readOrFail(p.sensor());
                    Readings.readOrFail(p.sensor());
                }
            }
        } finally {
            close(probes);
        }
    }

    @Test
    void aJvmThatCannotReportItsCpuTimeIsNoReasonToThrow() throws IOException {
        healthyTree(root);
        List<SensorProbe> probes = probe(new SensorEnvironment(root, TrackingMode.PROCESS, null, () -> -1L));
        try {
            wellFormed(probes);
        } finally {
            close(probes);
        }
    }

    @Test
    void aUserSetTdpThatIsNoNumberOfWattsIsNoReasonToThrow() throws IOException {
        healthyTree(root);
        for (double tdp : new double[] {-5, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            List<SensorProbe> probes = probe(new SensorEnvironment(root, TrackingMode.MACHINE, tdp, () -> 0L));
            try {
                wellFormed(probes);
            } finally {
                close(probes);
            }
        }
    }

    private List<SensorProbe> probe(SensorEnvironment env) {
        List<SensorProbe> probes = new ArrayList<>();
        assertThatCode(() -> probes.addAll(provider().probe(env))).as("%s.probe must not throw", provider().name())
                .doesNotThrowAnyException();
        return probes;
    }

    /** Each probe says what it found or why not; available ones carry a sensor of the same kind; ids unique. */
    private static void wellFormed(List<SensorProbe> probes) {
        assertThat(probes).as("a provider always returns at least one probe, found or not").isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (SensorProbe p : probes) {
            assertThat(p.name()).as("probe name").isNotBlank();
            assertThat(p.kind()).as("probe %s kind", p.name()).isNotNull();
            assertThat(p.method()).as("probe %s method", p.name()).isNotNull();
            assertThat(p.detail()).as("probe %s must say what it found or why not", p.name()).isNotBlank();
            assertThat(p.sensor() != null).as("probe %s: available exactly when it has a sensor", p.name())
                    .isEqualTo(p.available());
            if (p.sensor() != null) {
                PowerSensor s = p.sensor();
                assertThat(s.kind()).as("sensor %s kind", s.id()).isEqualTo(p.kind());
                assertThat(s.id()).as("sensor id (a power.csv column)").matches(PowerSensorContract.ID);
                assertThat(ids.add(s.id())).as("sensor id %s is unique among the provider's probes", s.id()).isTrue();
            }
        }
    }

    private static void close(List<SensorProbe> probes) {
        for (SensorProbe p : probes) {
            if (p.sensor() != null) {
                p.sensor().close();
            }
        }
    }
}
