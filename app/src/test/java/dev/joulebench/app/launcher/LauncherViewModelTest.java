package dev.joulebench.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.jobs.JobService;
import dev.joulebench.core.Json;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherViewModelTest {
    @TempDir
    Path dir;
    /** Submissions wait here: the test sees the busy state without a job racing it. */
    private final List<Runnable> submitted = new java.util.ArrayList<>();
    private ScheduledExecutorService timer;
    private TrainFormViewModel form;
    private LauncherViewModel launcher;

    @BeforeEach
    void setUp() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-coalescer"));
        JobService jobs = new JobService(submitted::add, Runnable::run, timer, new ProvenanceCollector(List.of()));
        form = new TrainFormViewModel(List.of("bp"), ImmediateChecks.of(spec -> List.of()));
        launcher = new LauncherViewModel(List.of(form), new FootprintFormViewModel(), jobs, () -> dir);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void startIsEnabledOnlyWhileFormAndFootprintAreValid() {
        assertThat(launcher.canStartProperty().get()).isTrue();
        form.epochsProperty().set("0");
        assertThat(launcher.canStartProperty().get()).isFalse();
        assertThat(launcher.problems()).containsExactly("epochs: must be >= 1 (got 0)");
        form.epochsProperty().set("1");
        launcher.footprint().pueProperty().set("0.9");
        assertThat(launcher.canStartProperty().get()).isFalse();
        assertThat(launcher.problems()).singleElement().asString().startsWith("pue: ");
        launcher.footprint().pueProperty().set("1.1");
        assertThat(launcher.canStartProperty().get()).isTrue();
        assertThat(launcher.start()).isTrue();
        assertThat(submitted).hasSize(1);
        assertThat(launcher.canStartProperty().get()).isFalse();
        assertThat(launcher.canCancelProperty().get()).isTrue();
    }

    @Test
    void invalidFormDoesNotStart() {
        form.modelProperty().set("");
        assertThat(launcher.start()).isFalse();
        assertThat(launcher.problems()).anyMatch(p -> p.startsWith("model: is required"));
    }

    @Test
    void savedSpecIsTheCliSpecAndOpensAgain() throws Exception {
        form.epochsProperty().set("4");
        form.modelProperty().set("mlp:784-64-10");
        Path file = dir.resolve("spec.json");
        assertThat(launcher.saveSpec(file)).isTrue();
        JobSpec read = Json.readSpec(file);
        assertThat(read).isEqualTo(form.specProperty().get());
        assertThat(Files.readString(file)).contains("\"kind\" : \"train\"");

        form.epochsProperty().set("9");
        assertThat(launcher.openSpec(file)).isTrue();
        assertThat(form.epochsProperty().get()).isEqualTo("4");
        assertThat(launcher.messageProperty().get()).contains("spec.json");
    }

    @Test
    void savingAnInvalidFormWritesNothing() {
        form.epochsProperty().set("0");
        Path file = dir.resolve("bad.json");
        assertThat(launcher.saveSpec(file)).isFalse();
        assertThat(file).doesNotExist();
        assertThat(launcher.messageProperty().get()).contains("epochs");
    }

    @Test
    void aBrokenOrForeignSpecFileSaysWhy() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{ not json");
        assertThat(launcher.openSpec(broken)).isFalse();
        assertThat(launcher.messageProperty().get()).startsWith("Cannot read spec");
        Path eval = dir.resolve("eval.json");
        Files.writeString(eval, Json.write(EvalSpec.builder().model("m").dataset("samples").build()));
        assertThat(launcher.openSpec(eval)).isFalse();
        assertThat(launcher.messageProperty().get()).contains("no form for eval");
        assertThat(((TrainSpec) form.specProperty().get()).method()).isEqualTo("bp");
    }
}
