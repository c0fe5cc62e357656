package dev.joulebench.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainSpecTest {

    private static TrainSpec valid() {
        return TrainSpec.of("bp", "samples", "mlp:784-32-10");
    }

    /** A spec equal to {@link #valid()} but for one field set through the canonical constructor. */
    private static TrainSpec with(String method, String dataset, String model, Integer epochs, Integer batchSize,
                                  String optimizer, Double lr, Double momentum, Double validationFraction,
                                  String device) {
        return TrainSpec.builder().method(method).dataset(dataset).model(model).epochs(epochs).batchSize(batchSize).optimizer(optimizer).learningRate(lr).momentum(momentum).validationFraction(validationFraction).device(device).build();
    }

    private static SpecProblem onlyProblem(TrainSpec spec) {
        List<SpecProblem> problems = spec.problems();
        assertThat(problems).as("problems of %s", spec).hasSize(1);
        return problems.get(0);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainSpec s = valid();
        assertThat(s.kind()).isEqualTo("train");
        assertThat(s.method()).isEqualTo("bp");
        assertThat(s.epochs()).isEqualTo(10);
        assertThat(s.batchSize()).isEqualTo(128);
        assertThat(s.optimizer()).isEqualTo("adam");
        assertThat(s.learningRate()).isEqualTo(1e-3);
        assertThat(s.momentum()).isEqualTo(0.9);
        assertThat(s.weightDecay()).isEqualTo(0.0);
        assertThat(s.validationFraction()).isEqualTo(1.0 / 6.0);
        assertThat(s.patience()).isZero();
        assertThat(s.limitTrain()).isZero();
        assertThat(s.seed()).isEqualTo(42L);
        assertThat(s.device()).isEqualTo("auto");
        assertThat(s.threads()).isZero();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void learningRateDefaultDependsOnOptimizer() {
        assertThat(with("bp", "d", "m", null, null, "sgd", null, null, null, null).learningRate()).isEqualTo(0.05);
        assertThat(with("bp", "d", "m", null, null, "adam", null, null, null, null).learningRate()).isEqualTo(1e-3);
        // an explicit rate wins over either default
        assertThat(with("bp", "d", "m", null, null, "sgd", 0.2, null, null, null).learningRate()).isEqualTo(0.2);
    }

    @Test
    void nullMethodDefaultsToBp() {
        assertThat(TrainSpec.of(null, "d", "m").method()).isEqualTo("bp");
    }

    @Test
    void unknownMethodListsTheAllowedMethods() {
        SpecProblem p = onlyProblem(TrainSpec.of("xx", "samples", "mlp:784-32-10"));
        assertThat(p.field()).isEqualTo("method");
        assertThat(p.message()).contains("must be one of bp").contains("'xx'");
        assertThat(p.toString()).startsWith("method: ");
    }

    @Test
    void epochsMustBeAtLeastOne() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", 0, null, null, null, null, null, null));
        assertThat(p.field()).isEqualTo("epochs");
        assertThat(p.message()).contains(">= 1").contains("got 0");
        assertThat(with("bp", "d", "m", 1, null, null, null, null, null, null).problems()).isEmpty();
    }

    @Test
    void batchSizeMustBePositive() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", null, -1, null, null, null, null, null));
        assertThat(p.field()).isEqualTo("batchSize");
        assertThat(p.message()).contains(">= 1").contains("got -1");
    }

    @Test
    void unknownOptimizerListsAdamAndSgd() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, "rmsprop", null, null, null, null));
        assertThat(p.field()).isEqualTo("optimizer");
        assertThat(p.message()).contains("must be one of adam, sgd").contains("'rmsprop'");
    }

    @Test
    void learningRateMustBePositiveAndFinite() {
        for (double bad : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, null, bad, null, null, null));
            assertThat(p.field()).as("lr %s", bad).isEqualTo("learningRate");
            assertThat(p.message()).as("lr %s", bad).contains("positive");
        }
    }

    @Test
    void learningRateAboveAHundredIsRefusedBeforeItOverflowsFloat32() {
        for (double bad : new double[] {1e300, 101}) {
            SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, null, bad, null, null, null));
            assertThat(p.field()).isEqualTo("learningRate");
            assertThat(p.message()).contains("at most 100");
        }
        assertThat(with("bp", "d", "m", null, null, null, 100.0, null, null, null).problems()).isEmpty();
    }

    @Test
    void momentumMustBeBelowOne() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, null, null, 1.0, null, null));
        assertThat(p.field()).isEqualTo("momentum");
        assertThat(p.message()).contains("[0.0, 1.0)").contains("got 1.0");
        assertThat(with("bp", "d", "m", null, null, null, null, 0.0, null, null).problems()).isEmpty();
        assertThat(with("bp", "d", "m", null, null, null, null, 0.99, null, null).problems()).isEmpty();
        assertThat(onlyProblem(with("bp", "d", "m", null, null, null, null, -0.1, null, null)).field())
                .isEqualTo("momentum");
    }

    @Test
    void validationFractionMustBeBelowNinetyPercent() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, null, null, null, 0.95, null));
        assertThat(p.field()).isEqualTo("validationFraction");
        assertThat(p.message()).contains("[0.0, 0.9)").contains("got 0.95");
        assertThat(onlyProblem(with("bp", "d", "m", null, null, null, null, null, Double.NaN, null)).field())
                .isEqualTo("validationFraction");
        assertThat(with("bp", "d", "m", null, null, null, null, null, 0.0, null).problems()).isEmpty();
    }

    @Test
    void deviceMustBeAutoCpuGpuOrGpuN() {
        SpecProblem p = onlyProblem(with("bp", "d", "m", null, null, null, null, null, null, "tpu"));
        assertThat(p.field()).isEqualTo("device");
        assertThat(p.message()).contains("auto", "cpu", "gpu", "gpu:N").contains("'tpu'");
        for (String ok : List.of("auto", "cpu", "gpu", "gpu:0", "gpu:12")) {
            assertThat(with("bp", "d", "m", null, null, null, null, null, null, ok).problems()).as(ok).isEmpty();
        }
        for (String bad : List.of("gpu:", "gpu:x", "GPU", "cuda:0", " cpu")) {
            assertThat(onlyProblem(with("bp", "d", "m", null, null, null, null, null, null, bad)).field())
                    .as(bad).isEqualTo("device");
        }
    }

    @Test
    void datasetAndModelAreRequired() {
        List<SpecProblem> problems = TrainSpec.of("bp", null, " ").problems();
        assertThat(problems).extracting(SpecProblem::field).containsExactly("dataset", "model");
        assertThat(problems).allSatisfy(p -> assertThat(p.message()).contains("is required"));
        assertThat(problems.get(1).message()).contains("mlp:");
    }

    @Test
    void otherIntegerFieldsRejectNegatives() {
        TrainSpec s = TrainSpec.builder().method("bp").dataset("d").model("m").weightDecay(-0.5).patience(-1).limitTrain(-2).threads(-3).build();
        assertThat(s.problems()).extracting(SpecProblem::field)
                .containsExactly("weightDecay", "patience", "limitTrain", "threads");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        TrainSpec bad = TrainSpec.builder().method("xx").epochs(0).batchSize(-1).optimizer("rmsprop").learningRate(0.0).momentum(1.0).validationFraction(0.95).device("tpu").build();
        List<SpecProblem> problems = bad.problems();
        assertThat(problems).extracting(SpecProblem::field).containsExactly("method", "dataset", "model", "epochs",
                "batchSize", "optimizer", "learningRate", "momentum", "validationFraction", "device");

        assertThatThrownBy(() -> bad.requireValid(TrainSpec.class))
                .isInstanceOf(InvalidSpecException.class)
                .isInstanceOf(dev.joulebench.core.BadInputException.class)
                .hasMessageStartingWith("Invalid train spec")
                .hasMessageContainingAll("method: must be one of bp", "dataset: is required", "model: is required",
                        "epochs:", "batchSize:", "optimizer: must be one of adam, sgd", "learningRate:", "momentum:",
                        "validationFraction:", "device:")
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).isEqualTo(problems));
    }

    @Test
    void requireValidReturnsTheSpecWhenValid() {
        TrainSpec s = valid();
        assertThat(s.requireValid(TrainSpec.class)).isSameAs(s);
    }
}
