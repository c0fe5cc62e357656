package dev.joulebench.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.core.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompressSpecTest {
    private static CompressSpec compress(String method, Integer chi, Double eps, Double target) {
        return CompressSpec.builder().method(method).model("run").dataset("samples").chi(chi).eps(eps).targetParams(target).build();
    }

    private static List<String> fields(CompressSpec s) {
        return s.problems().stream().map(SpecProblem::field).toList();
    }

    @Test
    void defaults() {
        CompressSpec s = compress("mpo", 8, null, null);
        assertThat(s.kind()).isEqualTo("compress");
        assertThat(s.mode()).isEqualTo("compress");
        assertThat(s.batchSize()).isEqualTo(128);
        assertThat(s.healEpochs()).isZero();
        assertThat(s.sites()).isEqualTo(4);
        assertThat(s.chis()).containsExactly(4, 8, 16, 32, 64);
        assertThat(s.layers()).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void mpoPlusInt8KeepsItsNameAndRunIdFormAndSurvivesJson() throws Exception {
        CompressSpec s = compress("mpo+int8", null, null, 0.2);
        assertThat(s.method()).isEqualTo("mpo-int8");
        assertThat(s.compressionMethod()).isEqualTo("mpo+int8");
        JobSpec back = Json.mapper().readValue(Json.write((JobSpec) s), JobSpec.class);
        assertThat(back).isInstanceOf(CompressSpec.class);
        assertThat(((CompressSpec) back).compressionMethod()).isEqualTo("mpo+int8");
        assertThat(back.problems()).isEmpty();
    }

    @Test
    void eachMethodNeedsItsOwnSetting() {
        assertThat(fields(compress("mpo", null, null, null))).containsExactly("chi");
        assertThat(fields(compress("lowrank", null, null, null))).containsExactly("chi");
        assertThat(fields(compress("lowrank", null, 0.1, null))).isEmpty();
        assertThat(fields(compress("prune", 8, null, null))).containsExactly("targetParams");
        assertThat(fields(compress("prune", null, null, 0.2))).isEmpty();
        assertThat(fields(compress("int8", 8, null, null))).containsExactly("chi");
        assertThat(fields(compress("int8", null, null, null))).isEmpty();
    }

    @Test
    void badNumbersAreReported() {
        assertThat(fields(compress("mpo", 0, null, null))).containsExactly("chi");
        assertThat(fields(compress("mpo", null, 1.5, null))).containsExactly("eps");
        assertThat(fields(compress("mpo", null, null, -1.0))).containsExactly("targetParams");
        assertThat(fields(compress("svd", 4, null, null))).containsExactly("method");
    }

    @Test
    void sensitivityModeChecksItsChisAndPolicy() {
        CompressSpec ok = CompressSpec.builder().method("mpo").model("run").dataset("samples").mode("sensitivity").chis(List.of(2, 4)).targetAccuracyDrop(0.02).build();
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.isSensitivity()).isTrue();
        CompressSpec bad = CompressSpec.builder().method("lowrank").model("run").dataset("samples").targetParams(0.2).mode("sensitivity").chis(List.of(0, 4)).targetAccuracyDrop(0.02).layerChis(Map.of("fc1", 0)).build();
        assertThat(fields(bad)).contains("method", "chis", "targetAccuracyDrop", "layerChis");
        CompressSpec badMode = CompressSpec.builder().method("mpo").model("run").dataset("samples").chi(4).mode("profile").build();
        assertThat(fields(badMode)).containsExactly("mode");
    }
}
