package dev.joulebench.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.joulebench.core.DeviceInventory;
import dev.joulebench.core.JobEnvironment;
import dev.joulebench.core.JobFactory;
import dev.joulebench.core.MachineResources;
import dev.joulebench.core.spec.InvalidSpecException;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.SpecProblem;
import dev.joulebench.core.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link JobFactory} must do: {@code check} finds exactly what {@code create} would refuse. For
 * each bad spec the subclass names, check returns problems with the expected fields, never throws, and
 * create throws an {@link InvalidSpecException} carrying those same problems, before any run directory
 * exists; each good spec has no problem and create makes its job. Environments come without a GPU.
 */
public abstract class JobFactoryContract {
    @TempDir
    protected Path workspace;

    /** The factory under test. */
    protected abstract JobFactory factory();

    /** Specs this factory must accept in {@link #environment()} (called after {@link #prepare}). */
    protected abstract List<JobSpec> goodSpecs() throws Exception;

    /** Bad specs, each with the fields its problems must name, in order (called after {@link #prepare}). */
    protected abstract Map<JobSpec, List<String>> badSpecs() throws Exception;

    /** Creates what the specs refer to (trained runs, files) in {@link #workspace}. */
    protected void prepare() throws Exception {}

    /** The workspace's runs on a machine without a GPU, with 4 processors, 16 GiB free and a 4 GiB heap. */
    protected JobEnvironment environment() {
        return new JobEnvironment(new RunStore(workspace), noGpu(), SMALL_MACHINE);
    }

    /** What {@link #environment()} offers, the same on every machine the tests run on. */
    protected static final MachineResources SMALL_MACHINE = new MachineResources(4, 16L << 30, "the test's machine",
            4L << 30);

    protected static DeviceInventory noGpu() {
        return () -> 0;
    }

    @Test
    void checkFindsWhatCreateRefusesAndNoRunExists() throws Exception {
        prepare();
        JobEnvironment env = environment();
        long runsBefore = runs(env);
        for (Map.Entry<JobSpec, List<String>> bad : badSpecs().entrySet()) {
            JobSpec spec = bad.getKey();
            assertThat(factory().accepts(spec)).as("accepts %s", spec).isTrue();
            List<SpecProblem> problems = factory().checkAll(spec, env);
            assertThat(problems).as("problems of %s", spec).extracting(SpecProblem::field)
                    .containsExactlyElementsOf(bad.getValue());
            assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
            assertThatThrownBy(() -> factory().create(spec, env)).as("create %s", spec)
                    .isInstanceOfSatisfying(InvalidSpecException.class,
                            e -> assertThat(e.problems()).isEqualTo(problems));
        }
        assertThat(runs(env)).as("no run directory was created").isEqualTo(runsBefore);
    }

    @Test
    void aGoodSpecHasNoProblemAndGetsItsJob() throws Exception {
        prepare();
        JobEnvironment env = environment();
        for (JobSpec spec : goodSpecs()) {
            assertThat(factory().accepts(spec)).as("accepts %s", spec).isTrue();
            assertThat(factory().checkAll(spec, env)).as("problems of %s", spec).isEmpty();
            assertThat(factory().create(spec, env)).as("job of %s", spec).isNotNull();
        }
    }

    private static long runs(JobEnvironment env) throws Exception {
        Path dir = env.store().runsDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var s = Files.list(dir)) {
            return s.count();
        }
    }
}
