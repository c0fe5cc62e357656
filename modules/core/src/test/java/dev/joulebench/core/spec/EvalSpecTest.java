package dev.joulebench.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalSpecTest {

    @Test
    void defaults() {
        EvalSpec s = EvalSpec.builder().model("20240101-000000-train-bp-abcd").dataset("samples").build();
        assertThat(s.kind()).isEqualTo("eval");
        assertThat(s.method()).isEqualTo("djl");
        assertThat(s.split()).isEqualTo("test");
        assertThat(s.batchSize()).isEqualTo(256);
        assertThat(s.seed()).isEqualTo(42L);
        assertThat(s.device()).isEqualTo("auto");
        assertThat(s.threads()).isZero();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void everyDocumentedSplitIsAccepted() {
        for (String split : List.of("test", "validation", "train")) {
            assertThat(EvalSpec.builder().model("m").dataset("d").split(split).build().problems()).as(split).isEmpty();
        }
    }

    @Test
    void unknownSplitListsTheAllowedSplits() {
        List<SpecProblem> problems = EvalSpec.builder().model("m").dataset("d").split("val").build().problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).field()).isEqualTo("split");
        assertThat(problems.get(0).message()).contains("must be one of test, validation, train").contains("'val'");
    }

    @Test
    void allProblemsAreReported() {
        EvalSpec bad = EvalSpec.builder().dataset("").split("dev").batchSize(0).device("tpu").threads(-1).build();
        assertThat(bad.problems()).extracting(SpecProblem::field)
                .containsExactly("model", "dataset", "split", "batchSize", "device", "threads");
        assertThatThrownBy(() -> bad.requireValid(EvalSpec.class))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("Invalid eval spec")
                .hasMessageContainingAll("model: is required", "dataset: is required", "split: must be one of",
                        "batchSize: must be >= 1", "device: must be auto, cpu, gpu or gpu:N", "threads:");
    }

    @Test
    void onnxInputOptionsAreValidated() {
        EvalSpec ok = EvalSpec.builder().model("m.onnx").dataset("samples").inputLayout("nhwc").preprocess("mean=0.1307,std=0.3081").build();
        assertThat(ok.isOnnx()).isTrue();
        assertThat(ok.method()).isEqualTo("onnx");
        assertThat(ok.problems()).isEmpty();
        for (String p : List.of("scale", "none", "mean=0.5:0.4:0.3,std=0.2:0.2:0.25", "mean=-1,std=2e-1")) {
            assertThat(EvalSpec.builder().model("m.onnx").dataset("d").preprocess(p).build().problems()).as(p).isEmpty();
        }
        for (String p : List.of("scaled", "mean=0.1", "mean=a,std=1", "mean=0.1,std=0", "mean=0.1:0.2,std=0.3",
                "std=1,mean=0")) {
            assertThat(EvalSpec.builder().model("m.onnx").dataset("d").preprocess(p).build().problems())
                    .as(p).extracting(SpecProblem::field).containsExactly("preprocess");
        }
        assertThat(EvalSpec.builder().model("m.onnx").dataset("d").inputLayout("chw").build().problems())
                .singleElement().satisfies(pr -> {
                    assertThat(pr.field()).isEqualTo("inputLayout");
                    assertThat(pr.message()).contains("auto, nchw, nhwc, flat").contains("'chw'");
                });
    }
}
