package dev.joulebench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.core.spec.EvalSpec;
import dev.joulebench.core.spec.JobSpec;
import dev.joulebench.core.spec.TrainSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
    @TempDir
    Path tmp;

    @Test
    void trainSpecRoundTripsWithItsKind() throws Exception {
        TrainSpec spec = TrainSpec.builder().method("bp").dataset("fashion-mnist").model("mlp:784-1000-1000-10").epochs(3).batchSize(64).optimizer("sgd").learningRate(0.1).momentum(0.8).weightDecay(1e-4).validationFraction(0.2).patience(2).limitTrain(1000).seed(7L).device("gpu:1").threads(4).build();
        String json = Json.write(spec);

        JsonNode tree = Json.mapper().readTree(json);
        assertThat(tree.get("kind").asText()).isEqualTo("train");
        assertThat(tree.get("method").asText()).isEqualTo("bp");
        assertThat(tree.get("epochs").asInt()).isEqualTo(3);
        // derived accessors are not properties
        assertThat(tree.has("problems")).isFalse();

        JobSpec back = Json.mapper().readValue(json, JobSpec.class);
        assertThat(back).isInstanceOf(TrainSpec.class).isEqualTo(spec);
    }

    @Test
    void evalSpecRoundTripsWithItsKind() throws Exception {
        EvalSpec spec = EvalSpec.builder().model("20240101-000000-train-bp-abcd").dataset("samples").split("validation").batchSize(32).seed(5L).device("cpu").threads(2).build();
        String json = Json.write(spec);

        assertThat(Json.mapper().readTree(json).get("kind").asText()).isEqualTo("eval");
        JobSpec back = Json.mapper().readValue(json, JobSpec.class);
        assertThat(back).isInstanceOf(EvalSpec.class).isEqualTo(spec);
    }

    @Test
    void specAsFieldOfDeclaredTypeJobSpecKeepsItsKind() throws Exception {
        record Holder(JobSpec spec) {}
        Holder h = new Holder(TrainSpec.of("bp", "samples", "mlp:4-2"));
        Holder back = Json.mapper().readValue(Json.write(h), Holder.class);
        assertThat(back).isEqualTo(h);
    }

    @Test
    void readSpecFillsDefaultsForOmittedFields() throws Exception {
        Path f = tmp.resolve("spec.json");
        Files.writeString(f, "{\"kind\":\"train\",\"method\":\"bp\",\"dataset\":\"samples\",\"model\":\"mlp:784-32-10\"}");

        JobSpec spec = Json.readSpec(f);

        assertThat(spec).isEqualTo(TrainSpec.of("bp", "samples", "mlp:784-32-10"));
        TrainSpec t = (TrainSpec) spec;
        assertThat(t.epochs()).isEqualTo(10);
        assertThat(t.batchSize()).isEqualTo(128);
        assertThat(t.learningRate()).isEqualTo(1e-3);
        assertThat(t.validationFraction()).isEqualTo(1.0 / 6.0);
        assertThat(t.seed()).isEqualTo(42L);
        assertThat(t.device()).isEqualTo("auto");
    }

    @Test
    void readSpecReadsAnEvalSpec() throws Exception {
        Path f = tmp.resolve("eval.json");
        Files.writeString(f, "{\"kind\":\"eval\",\"model\":\"abcd\",\"dataset\":\"samples\"}");
        assertThat(Json.readSpec(f)).isEqualTo(EvalSpec.builder().model("abcd").dataset("samples").build());
    }

    @Test
    void unknownFieldIsBadInputNamingFileAndField() throws Exception {
        Path f = tmp.resolve("typo.json");
        Files.writeString(f, "{\"kind\":\"train\",\"method\":\"bp\",\"dataset\":\"samples\",\"model\":\"m\",\"epoch\":5}");

        assertThatThrownBy(() -> Json.readSpec(f))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("\"epoch\"");
    }

    @Test
    void malformedJsonIsBadInputNamingFile() throws Exception {
        Path f = tmp.resolve("broken.json");
        Files.writeString(f, "{\"kind\":\"train\", \"method\": ");

        assertThatThrownBy(() -> Json.readSpec(f))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void missingOrUnknownKindIsBadInputNamingFile() throws Exception {
        Path noKind = tmp.resolve("nokind.json");
        Files.writeString(noKind, "{\"method\":\"bp\",\"dataset\":\"samples\",\"model\":\"m\"}");
        assertThatThrownBy(() -> Json.readSpec(noKind))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining(noKind.toString())
                .hasMessageContaining("kind");

        Path badKind = tmp.resolve("badkind.json");
        Files.writeString(badKind, "{\"kind\":\"distill-everything\"}");
        assertThatThrownBy(() -> Json.readSpec(badKind))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining(badKind.toString());
    }

    @Test
    void jsonThatIsNotAnObjectIsBadInput() throws Exception {
        // "null" is well-formed JSON but no spec: readSpec must not hand the caller a null spec
        Path nul = tmp.resolve("null.json");
        Files.writeString(nul, "null");
        assertThatThrownBy(() -> Json.readSpec(nul))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(nul.toString());

        Path empty = tmp.resolve("empty.json");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Json.readSpec(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(empty.toString());

        Path array = tmp.resolve("array.json");
        Files.writeString(array, "[]");
        assertThatThrownBy(() -> Json.readSpec(array))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(array.toString());
    }

    @Test
    void missingFileIsBadInputNamingFile() {
        Path f = tmp.resolve("nope.json");
        assertThatThrownBy(() -> Json.readSpec(f))
                .isExactlyInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void directoryInsteadOfFileIsBadInput() {
        assertThatThrownBy(() -> Json.readSpec(tmp))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(tmp.toString());
    }

    @Test
    void writeIsPrettyAndOmitsNulls() throws Exception {
        record R(String a, String b) {}
        String json = Json.write(new R("x", null));
        assertThat(json).contains("\n").doesNotContain("\"b\"");
    }
}
