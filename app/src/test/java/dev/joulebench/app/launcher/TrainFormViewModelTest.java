package dev.joulebench.app.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainFormViewModelTest {
    @TempDir
    Path dir;
    private TrainFormViewModel form;

    @BeforeEach
    void setUp() {
        // the training job factory's own checks, as the app wires them, on a machine without a GPU
        form = new TrainFormViewModel(List.of("bp", "ff", "mf"), ImmediateChecks.factories(dir.resolve("workspace")));
    }

    @Test
    void defaultsMakeAValidSpecOnTheShippedSamples() {
        assertThat(form.problems()).isEmpty();
        TrainSpec spec = (TrainSpec) form.specProperty().get();
        assertThat(spec.dataset()).isEqualTo("samples");
        assertThat(spec.model()).isEqualTo("mlp:784-256-10");
        assertThat(spec.method()).isEqualTo("bp");
        assertThat(spec.epochs()).isEqualTo(3);
        assertThat(spec.batchSize()).isEqualTo(128);
        assertThat(spec.seed()).isEqualTo(42L);
        assertThat(spec.device()).isEqualTo("auto");
    }

    @Test
    void zeroEpochsIsAProblemNamingTheField() {
        form.epochsProperty().set("0");
        assertThat(form.specProperty().get()).isNull();
        assertThat(form.problems()).containsExactly("epochs: must be >= 1 (got 0)");
        assertThat(form.invalidFields()).containsExactly("epochs");
        form.epochsProperty().set("2");
        assertThat(form.problems()).isEmpty();
        assertThat(((TrainSpec) form.specProperty().get()).epochs()).isEqualTo(2);
    }

    @Test
    void textInANumberFieldIsAProblem() {
        form.batchProperty().set("lots");
        form.seedProperty().set("");
        assertThat(form.problems()).containsExactly("batch: must be a whole number (got 'lots')",
                "seed: is required (a whole number)");
        assertThat(form.invalidFields()).containsExactly("batch", "seed");
    }

    @Test
    void batchZeroIsReportedUnderTheFormsName() {
        form.batchProperty().set("0");
        assertThat(form.problems()).containsExactly("batch: must be >= 1 (got 0)");
    }

    @Test
    void modelOutsideTheGrammarIsAProblemNamingTheModel() {
        form.modelProperty().set("mlp:abc");
        assertThat(form.specProperty().get()).isNull();
        assertThat(form.problems()).hasSize(1);
        assertThat(form.problems().get(0)).startsWith("model: ").contains("mlp:abc");
        assertThat(form.invalidFields()).containsExactly("model");
    }

    @Test
    void aDatasetThatCannotBeFoundIsAProblem() {
        form.datasetProperty().set(dir.resolve("nowhere").toString());
        assertThat(form.problems()).hasSize(1);
        assertThat(form.problems().get(0)).startsWith("dataset: ");
        form.datasetProperty().set("samples");
        assertThat(form.problems()).isEmpty();
    }

    @Test
    void aModelThatDoesNotFitTheImagesIsFoundBeforeStart() {
        form.modelProperty().set("mlp:100-10");
        assertThat(form.specProperty().get()).isNull();
        assertThat(form.problems()).containsExactly("model: mlp:100-10 takes 100 input values but dataset 'samples' "
                + "has 784 per image (1x28x28) (make the first number 784)");
        assertThat(form.invalidFields()).containsExactly("model");
    }

    @Test
    void aGpuOnAMachineWithoutOneIsFoundBeforeStart() {
        form.deviceProperty().set("gpu");
        assertThat(form.specProperty().get()).isNull();
        assertThat(form.invalidFields()).containsExactly("device");
        assertThat(form.problems().get(0)).startsWith("device: this machine has no GPU");
    }

    @Test
    void everyBadFieldIsOutlinedAtOnce() {
        form.modelProperty().set("mlp:100-10-5");
        form.deviceProperty().set("gpu:1");
        form.epochsProperty().set("0");
        assertThat(form.invalidFields()).containsExactlyInAnyOrder("epochs", "device", "model");
        assertThat(form.problems()).hasSize(4); // the model misses both the input size and the class count
        assertThat(form.specProperty().get()).isNull();
    }

    @Test
    void unknownMethodOptionsAreProblemsOfTheMethodField() {
        form.load(TrainSpec.builder().method("ff").dataset("samples").model("mlp:784-64").epochs(1)
                .options(Map.of("threshold", "-1")).build());
        assertThat(form.invalidFields()).containsExactly("method");
        assertThat(form.problems().get(0)).startsWith("method: must be >= 0");
    }

    @Test
    void badDeviceAndMethodComeFromTheSpecRules() {
        form.deviceProperty().set("tpu");
        form.methodProperty().set("sgd");
        assertThat(form.problems()).anyMatch(p -> p.startsWith("device: must be auto, cpu, gpu or gpu:N"))
                .anyMatch(p -> p.startsWith("method: must be one of bp, ff, mf, cafo"));
    }

    @Test
    void loadFillsTheFieldsAndKeepsFieldsTheFormDoesNotShow() {
        TrainSpec opened = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-64-10").epochs(5).batchSize(32).optimizer("sgd").learningRate(0.02).momentum(0.8).weightDecay(0.0).validationFraction(0.2).patience(2).limitTrain(500).seed(7L).device("cpu").threads(1).spectraEvery(0).spectraWindow(64).build();
        form.load(opened);
        assertThat(form.epochsProperty().get()).isEqualTo("5");
        assertThat(form.batchProperty().get()).isEqualTo("32");
        assertThat(form.deviceProperty().get()).isEqualTo("cpu");
        assertThat(form.specProperty().get()).isEqualTo(opened);
        form.epochsProperty().set("6");
        TrainSpec edited = (TrainSpec) form.specProperty().get();
        assertThat(edited.optimizer()).isEqualTo("sgd");
        assertThat(edited.limitTrain()).isEqualTo(500);
        assertThat(edited.epochs()).isEqualTo(6);
    }

    @Test
    void methodOptionsAreDroppedWhenTheMethodChanges() {
        TrainSpec ff = TrainSpec.builder().method("ff").dataset("samples").model("mlp:784-64-64").epochs(1).batchSize(32).options(Map.of("predict", "softmax")).build();
        form.load(ff);
        assertThat(((TrainSpec) form.specProperty().get()).options()).containsEntry("predict", "softmax");
        form.methodProperty().set("bp");
        form.modelProperty().set("mlp:784-64-10");
        assertThat(form.problems()).isEmpty();
        assertThat(((TrainSpec) form.specProperty().get()).options()).isEmpty();
    }

    @Test
    void aListenerOnTheProblemsSurvivesGarbageCollection() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        form.problems().addListener((javafx.collections.ListChangeListener<String>) c -> seen.add(String.join(";", c.getList())));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        form.epochsProperty().set("0");
        assertThat(seen).containsExactly("epochs: must be >= 1 (got 0)");
    }
}
