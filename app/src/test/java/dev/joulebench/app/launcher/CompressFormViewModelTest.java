package dev.joulebench.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.app.jobs.JobService;
import dev.joulebench.app.workspace.RunRow;
import dev.joulebench.core.Json;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.CompressSpec;
import dev.joulebench.core.spec.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compress form without the toolkit: fields → CompressSpec, problems per field, spec files. */
class CompressFormViewModelTest {
    @TempDir
    Path dir;
    /** What the deep check was asked about, and what it answers. */
    private final List<CompressSpec> checked = new ArrayList<>();
    private List<String> deepProblems = List.of();
    private final CompressFormViewModel form = new CompressFormViewModel(ImmediateChecks.of(spec -> {
        checked.add((CompressSpec) spec);
        return ImmediateChecks.problems(deepProblems);
    }));

    private CompressSpec spec() {
        return (CompressSpec) form.specProperty().get();
    }

    @Test
    void aModelAndAChiMakeAnMpoSpecWithTheDefaults() {
        assertThat(form.specProperty().get()).isNull();
        assertThat(form.problems()).singleElement().asString().startsWith("model: ");
        form.modelProperty().set(" 20261126-train-bp-ab12 ");
        CompressSpec s = spec();
        assertThat(s).isNotNull();
        assertThat(form.problems()).isEmpty();
        assertThat(s.kind()).isEqualTo("compress");
        assertThat(s.compressionMethod()).isEqualTo("mpo");
        assertThat(s.model()).isEqualTo("20261126-train-bp-ab12");
        assertThat(s.dataset()).isEqualTo("samples");
        assertThat(s.chi()).isEqualTo(8);
        assertThat(s.eps()).isNull();
        assertThat(s.targetParams()).isNull();
        assertThat(s.layers()).isEmpty();
        assertThat(s.healEpochs()).isZero();
        assertThat(s.mode()).isEqualTo("compress");
        assertThat(checked).last().isEqualTo(s);
    }

    @Test
    void theSizeIsOneSettingChosenByKind() {
        form.modelProperty().set("run");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_EPS);
        form.sizeProperty().set("0.1");
        assertThat(spec().eps()).isEqualTo(0.1);
        assertThat(spec().chi()).isNull();
        form.sizeByProperty().set(CompressFormViewModel.SIZE_TARGET);
        form.sizeProperty().set("0.2");
        assertThat(spec().targetParams()).isEqualTo(0.2);
        assertThat(spec().eps()).isNull();
        form.sizeProperty().set("1.5");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_EPS);
        assertThat(spec()).isNull();
        assertThat(form.problems()).containsExactly("size: must be a relative error in (0, 1) (got 1.5)");
        assertThat(form.invalidFields()).containsExactly("size");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_CHI);
        form.sizeProperty().set("x");
        assertThat(form.problems()).containsExactly("size: χ must be a whole number (got 'x')");
    }

    @Test
    void eachMethodsRulesComeFromTheSpec() {
        form.modelProperty().set("run");
        form.methodProperty().set("prune"); // switches the size to a target it takes
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_TARGET);
        assertThat(spec().targetParams()).isEqualTo(0.2);
        form.sizeByProperty().set(CompressFormViewModel.SIZE_CHI);
        form.sizeProperty().set("8");
        assertThat(spec()).isNull();
        assertThat(form.problems()).singleElement().asString()
                .startsWith("size: --method prune needs --target-params P");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_TARGET);
        form.sizeProperty().set("0.25");
        assertThat(spec().targetParams()).isEqualTo(0.25);

        form.methodProperty().set("int8");
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_NONE);
        assertThat(spec().compressionMethod()).isEqualTo("int8");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_TARGET);
        assertThat(form.problems()).singleElement().asString().startsWith("size: --method int8 takes no");

        form.methodProperty().set("lowrank"); // a target still applies to lowrank: kept
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_TARGET);
        form.sizeByProperty().set(CompressFormViewModel.SIZE_NONE);
        form.methodProperty().set("mpo+int8"); // none does not: back to χ
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_CHI);
        form.sizeProperty().set("16");
        assertThat(spec().compressionMethod()).isEqualTo("mpo+int8");
        assertThat(spec().method()).isEqualTo("mpo-int8");
        form.healProperty().set("-1");
        assertThat(form.problems()).containsExactly("heal: must be >= 0 (got -1)");
        assertThat(form.invalidFields()).containsExactly("heal");

        form.healProperty().set("3");
        form.methodProperty().set("rmtkd"); // the spectra set the widths: χ gives way to a parameter target
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_TARGET);
        assertThat(form.problems()).isEmpty();
        assertThat(spec().compressionMethod()).isEqualTo("rmtkd");
        assertThat(spec().targetParams()).isEqualTo(0.3);
        assertThat(spec().distillEpochs()).as("heal epochs are rmtkd's distillation epochs").isEqualTo(3);
        assertThat(spec().healEpochs()).isZero();
    }

    @Test
    void sensitivityModeProfilesTheChiListAndOnlyMpo() {
        form.modelProperty().set("run");
        form.modeProperty().set("sensitivity");
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_NONE); // the χ list decides
        form.chisProperty().set("2, 4 8");
        form.layersProperty().set("fc1,fc2");
        assertThat(spec().isSensitivity()).isTrue();
        assertThat(spec().chis()).containsExactly(2, 4, 8);
        assertThat(spec().chi()).isNull();
        assertThat(spec().targetParams()).isNull();
        assertThat(spec().layers()).containsExactly("fc1", "fc2");
        form.chisProperty().set("4, big");
        assertThat(form.problems()).singleElement().asString().startsWith("chis: must be whole numbers");
        form.chisProperty().set("");
        assertThat(form.problems()).singleElement().asString().startsWith("chis: name at least one χ");
        form.chisProperty().set("0, 4");
        assertThat(form.problems()).containsExactly("chis: every χ must be >= 1 (got 0)");
        form.chisProperty().set("4");
        form.methodProperty().set("lowrank");
        assertThat(form.problems()).containsExactly(
                "method: sensitivity profiles the MPO bond dimension: use mpo (got 'lowrank')");
        // a size target in sensitivity mode is the policy's goal
        form.methodProperty().set("mpo");
        form.sizeByProperty().set(CompressFormViewModel.SIZE_TARGET);
        form.sizeProperty().set("0.3");
        assertThat(spec().targetParams()).isEqualTo(0.3);
    }

    @Test
    void deepCheckProblemsNameTheirField() {
        form.modelProperty().set("run");
        deepProblems = List.of("layers: Model mlp:784-32-10 has no dense layer 'fc9'", "dataset: not found");
        form.layersProperty().set("fc9");
        assertThat(spec()).isNull();
        assertThat(form.invalidFields()).containsExactly("layers", "dataset");
        deepProblems = List.of();
        form.layersProperty().set("fc1");
        assertThat(spec().layers()).containsExactly("fc1");
    }

    @Test
    void theModelComboOffersFinishedBpTrainingRunsNewestFirst() {
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        form.setRuns(List.of(
                row("old-bp", "train", "bp", "finished", t),
                row("new-bp", "train", "bp", "finished", t.plusSeconds(60)),
                row("ff", "train", "ff", "finished", t.plusSeconds(120)),
                row("failed-bp", "train", "bp", "failed", t.plusSeconds(180)),
                row("a-compression", "compress", "mpo", "finished", t.plusSeconds(240))));
        assertThat(form.modelChoices()).containsExactly("new-bp", "old-bp");
        assertThat(form.modelProperty().get()).isEqualTo("new-bp"); // the empty field takes the newest
        form.modelProperty().set("/models/net.onnx");
        form.setRuns(List.of(row("newer-bp", "train", "bp", "finished", t.plusSeconds(300))));
        assertThat(form.modelChoices()).containsExactly("newer-bp");
        assertThat(form.modelProperty().get()).isEqualTo("/models/net.onnx"); // a chosen model stays
    }

    @Test
    void loadFillsTheFieldsAndKeepsWhatTheFormHasNoFieldFor() {
        CompressSpec opened = CompressSpec.builder().method("mpo+int8").model("run-7").dataset("fashion-mnist").eps(0.05).layers(List.of("fc2")).healEpochs(2).batchSize(64).seed(9L).device("cpu").threads(1).mode("compress").sites(6).layerChis(Map.of("fc2", 12)).healLearningRate(1e-3).build();
        form.load(opened);
        assertThat(form.methodProperty().get()).isEqualTo("mpo+int8");
        assertThat(form.sizeByProperty().get()).isEqualTo(CompressFormViewModel.SIZE_EPS);
        assertThat(form.sizeProperty().get()).isEqualTo("0.05");
        assertThat(form.layersProperty().get()).isEqualTo("fc2");
        assertThat(form.healProperty().get()).isEqualTo("2");
        assertThat(spec()).isEqualTo(opened);
    }

    @Test
    void compressSpecsAreSavedAndOpenedAsTheCliRunsThem() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-timer"));
        try {
            JobService jobs = new JobService(r -> { }, Runnable::run, timer, new ProvenanceCollector(List.of()));
            TrainFormViewModel train = new TrainFormViewModel(List.of("bp"), ImmediateChecks.of(s -> List.of()));
            LauncherViewModel launcher = new LauncherViewModel(List.of(train, form), new FootprintFormViewModel(),
                    jobs, () -> dir);
            launcher.selectedProperty().set(form);
            form.modelProperty().set("run-3");
            form.sizeProperty().set("4");
            Path file = dir.resolve("compress.json");
            assertThat(launcher.saveSpec(file)).isTrue();
            JobSpec read = Json.readSpec(file);
            assertThat(read).isEqualTo(spec());

            launcher.selectedProperty().set(train);
            form.modelProperty().set("other");
            assertThat(launcher.openSpec(file)).isTrue();
            assertThat(launcher.selectedProperty().get()).isSameAs(form);
            assertThat(form.modelProperty().get()).isEqualTo("run-3");
            assertThat(spec().chi()).isEqualTo(4);

            form.sizeProperty().set("0");
            assertThat(launcher.canStartProperty().get()).isFalse();
            assertThat(launcher.problems()).containsExactly("size: must be >= 1 (got 0)");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void specFieldsMapToFormFields() {
        assertThat(CompressFormViewModel.formField("chi")).isEqualTo("size");
        assertThat(CompressFormViewModel.formField("targetParams")).isEqualTo("size");
        assertThat(CompressFormViewModel.formField("healEpochs")).isEqualTo("heal");
        assertThat(CompressFormViewModel.formField("batchSize")).isEqualTo("batch");
        assertThat(CompressFormViewModel.formField("--model")).isEqualTo("model");
        assertThat(CompressFormViewModel.FIELDS).contains("size", "heal", "batch", "model", "chis", "layers");
    }

    private static RunRow row(String id, String kind, String method, String status, Instant created) {
        return new RunRow(id, Path.of(id), status, kind, method, "samples", null, null, created, null);
    }
}
