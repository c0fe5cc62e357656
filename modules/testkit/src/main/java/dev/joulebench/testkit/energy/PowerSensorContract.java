package dev.joulebench.testkit.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.energy.PowerReading;
import dev.joulebench.energy.PowerSensor;
import dev.joulebench.energy.SensorException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link PowerSensor}, as the sampler relies on it at 10 Hz for a whole run:
 * a stable identity fit for a power.csv column; readings with finite non-negative figures (or NaN
 * where there is none) and a counter that never goes back; a source that breaks after opening
 * fails reads with a {@link SensorException} that says why, never another exception (the sampler
 * records a gap and goes on); {@code close} is idempotent, and a read after it fails clearly.
 *
 * <p>Extend it once per sensor: say how to open one on a healthy source under {@link #root} (or a
 * fake library), and optionally how time passes for it and how its source breaks.
 */
@Timeout(60)
public abstract class PowerSensorContract {
    /** What an id may look like: {@code cpu}, {@code ram}, {@code gpu0}, ...; no comma, no space. */
    public static final String ID = "[a-z]+[0-9]*";

    @TempDir
    protected Path root;

    private PowerSensor opened;

    /** Opens the sensor under test on a healthy source (a tree under {@code root}, a fake library, ...). */
    protected abstract PowerSensor open(Path root) throws Exception;

    /** Lets the source move on between two reads (counters advance, clocks tick); nothing by default. */
    protected void advance(Path root) throws Exception {}

    /**
     * Breaks the source after the sensor opened, as a vanished device or file would. By default every
     * regular file under {@code root} is replaced by a directory, so any read of it fails.
     */
    protected void breakSource(Path root) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Files.delete(f);
            Files.createDirectory(f);
        }
    }

    private PowerSensor sensor() throws Exception {
        if (opened == null) {
            opened = open(root);
            assertThat(opened).as("open(root) must return a sensor").isNotNull();
        }
        return opened;
    }

    @AfterEach
    void closeSensor() {
        if (opened != null) {
            opened.close();
        }
    }

    @Test
    void itsIdentityIsStableAndFitsAPowerCsvColumn() throws Exception {
        PowerSensor s = sensor();
        assertThat(s.id()).matches(ID);
        assertThat(s.kind()).isNotNull();
        assertThat(s.method()).isNotNull();
        assertThat(s.description()).as("description says where the number comes from").isNotBlank();
        String id = s.id();
        Readings.readOrFail(s);
        assertThat(s.id()).as("id after a read").isEqualTo(id);
    }

    @Test
    void readingsAreFiniteNonNegativeOrNaNAndACounterNeverGoesBack() throws Exception {
        PowerSensor s = sensor();
        double lastJoules = 0;
        int good = 0;
        for (int i = 0; i < 5; i++) {
            PowerReading r = Readings.readOrFail(s);
            if (r != null) {
                good++;
                if (!Double.isNaN(r.joules())) {
                    assertThat(r.joules()).as("%s: the counter since open never goes back", s.id())
                            .isGreaterThanOrEqualTo(lastJoules);
                    lastJoules = r.joules();
                }
            }
            advance(root);
        }
        assertThat(good).as("%s: a healthy source gives good readings", s.id()).isEqualTo(5);
    }

    @Test
    void aSourceThatBreaksFailsReadsWithASensorExceptionOrStillReadsWithinTheContract() throws Exception {
        PowerSensor s = sensor();
        Readings.readOrFail(s);
        breakSource(root);
        for (int i = 0; i < 3; i++) {
            Readings.readOrFail(s); // a SensorException with a message, or a valid reading; nothing else
        }
    }

    @Test
    void closeIsIdempotent() throws Exception {
        PowerSensor s = sensor();
        Readings.readOrFail(s);
        assertThatCode(() -> {
            s.close();
            s.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void aReadAfterCloseFailsWithASensorExceptionThatSaysSo() throws Exception {
        PowerSensor s = sensor();
        Readings.readOrFail(s);
        s.close();
        assertThatThrownBy(s::read).as("%s: read after close", s.id()).isInstanceOf(SensorException.class)
                .hasMessageContaining(s.id()).hasMessageContaining("closed");
    }

    /** Writes {@code content} to {@code root/relative}, creating its folders: for subclasses' trees. */
    protected static void write(Path root, String relative, String content) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
