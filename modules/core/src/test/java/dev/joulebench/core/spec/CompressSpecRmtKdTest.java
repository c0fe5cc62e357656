package dev.joulebench.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rmtkd fields of a compress spec: defaults, ranges, JSON, and that no other method takes them. */
class CompressSpecRmtKdTest {
    private static CompressSpec.Builder rmtkd() {
        return CompressSpec.builder().method("rmtkd").model("run").dataset("samples");
    }

    private static List<String> fields(CompressSpec s) {
        return s.problems().stream().map(SpecProblem::field).toList();
    }

    @Test
    void rmtkdDefaultsItsOptionsAndNeedsNoSizeSetting() {
        CompressSpec s = rmtkd().build();
        assertThat(s.method()).isEqualTo("rmtkd");
        assertThat(s.quantile()).isEqualTo(0.5);
        assertThat(s.calibrationFraction()).isEqualTo(0.1);
        assertThat(s.distillEpochs()).isEqualTo(2);
        assertThat(s.distillAlpha()).isEqualTo(0.7);
        assertThat(s.distillTemperature()).isEqualTo(1.0);
        assertThat(s.minKeepFraction()).isEqualTo(0.05);
        assertThat(s.centre()).isTrue();
        assertThat(s.tracyWidomMargin()).isFalse();
        assertThat(s.alignBasis()).isTrue();
        assertThat(s.targetAccuracyDrop()).isEqualTo(0.01);
        assertThat(s.targetParams()).isNull();
        assertThat(s.problems()).isEmpty();
        assertThat(rmtkd().targetParams(0.3).build().problems()).isEmpty();
    }

    @Test
    void otherMethodsLeaveTheRmtkdFieldsOutOfTheirJsonAndRefuseThem() throws Exception {
        CompressSpec mpo = CompressSpec.builder().method("mpo").model("run").dataset("samples").chi(8).build();
        assertThat(mpo.quantile()).isNull();
        assertThat(mpo.targetAccuracyDrop()).isNull();
        assertThat(Json.write((JobSpec) mpo)).doesNotContain("quantile", "distill", "centre");
        CompressSpec withQuantile = mpo.toBuilder().quantile(0.4).distillEpochs(1).centre(false).build();
        assertThat(fields(withQuantile)).containsExactly("quantile", "distillEpochs", "centre");
        assertThat(withQuantile.problems().get(0).message()).contains("--method rmtkd only");
    }

    @Test
    void outOfRangeOptionsAreEachReported() {
        CompressSpec bad = rmtkd().quantile(1.0).calibrationFraction(0.0).distillEpochs(-1).distillAlpha(1.5)
                .distillTemperature(0.0).minKeepFraction(1.0).targetAccuracyDrop(-0.1).build();
        assertThat(fields(bad)).containsExactlyInAnyOrder("quantile", "calibrationFraction", "distillEpochs",
                "distillAlpha", "distillTemperature", "minKeepFraction", "targetAccuracyDrop");
        assertThat(fields(rmtkd().chi(8).build())).containsExactly("chi");
        assertThat(fields(rmtkd().healEpochs(1).build())).containsExactly("healEpochs");
        assertThat(fields(rmtkd().mode("sensitivity").build())).contains("method");
    }

    @Test
    void survivesJsonWithEveryOptionAsGiven() throws Exception {
        CompressSpec s = rmtkd().targetParams(0.3).quantile(0.4).calibrationFraction(0.2).distillEpochs(3)
                .distillAlpha(0.5).distillTemperature(2.0).minKeepFraction(0.1).centre(false).tracyWidomMargin(true)
                .alignBasis(false).targetAccuracyDrop(0.02).healLearningRate(1e-3).build();
        String json = Json.write((JobSpec) s);
        assertThat(json).contains("\"quantile\"", "\"calibrationFraction\"", "\"distillEpochs\"", "\"distillAlpha\"",
                "\"distillTemperature\"", "\"minKeepFraction\"", "\"centre\"", "\"tracyWidomMargin\"", "\"alignBasis\"");
        JobSpec back = Json.mapper().readValue(json, JobSpec.class);
        assertThat(back).isEqualTo(s);
        assertThat(((CompressSpec) back).toBuilder().build()).isEqualTo(s);
    }
}
