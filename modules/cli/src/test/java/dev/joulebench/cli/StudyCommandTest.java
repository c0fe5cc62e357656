package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `joulebench study` end to end on the shipped samples: small real trials, bad specs, show, list, resume. */
class StudyCommandTest {
    @TempDir
    Path workspace;

    private Result cli(String... args) {
        return InProcessCli.run(workspace, args);
    }

    private Path spec(String json) throws Exception {
        Path f = workspace.resolve("study-" + System.nanoTime() + ".json");
        Files.writeString(f, json);
        return f;
    }

    static String base(String epochs) {
        return "{\"kind\": \"train\", \"method\": \"bp\", \"dataset\": \"samples\", \"model\": \"mlp:784-${width}-10\", "
                + "\"epochs\": " + epochs + ", \"limitTrain\": 800, \"device\": \"cpu\", \"threads\": 1}";
    }

    @Test
    void aSmallStudyRunsRealTrialsAndShowsItsBestAndTheStudyCanBeListedShownButNotResumedOnceFinished()
            throws Exception {
        Path file = spec("{\"name\": \"tiny\", \"base\": " + base("2") + ", \"parameters\": ["
                + "{\"name\": \"lr\", \"type\": \"float\", \"low\": 1e-4, \"high\": 0.1, \"log\": true, \"field\": \"learningRate\"},"
                + "{\"name\": \"width\", \"type\": \"int\", \"low\": 8, \"high\": 64, \"step\": 8}],"
                + "\"sampler\": \"random\", \"trials\": 3, \"seed\": 5}");
        Result r = cli("study", "run", file.toString(), "--no-energy", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode out = Json.mapper().readTree(r.out());
        String id = out.path("study").path("id").asText();
        assertThat(out.path("study").path("status").asText()).isEqualTo("finished");
        JsonNode trials = out.path("trials");
        assertThat(trials).hasSize(3);
        for (JsonNode t : trials) {
            assertThat(t.path("state").asText()).isEqualTo("finished");
            String run = t.path("runId").asText();
            JsonNode record = Json.mapper().readTree(workspace.resolve("runs").resolve(run).resolve("run.json").toFile());
            assertThat(record.path("spec").path("model").asText()).isEqualTo("mlp:784-" + t.path("params").path("width").asInt() + "-10");
            assertThat(t.path("values").get(0).asDouble()).isEqualTo(record.path("summary").path("val/best_accuracy").asDouble());
            assertThat(t.path("intermediate")).hasSize(2);
        }
        assertThat(r.err()).contains("trial 0 started").contains("trial 2 finished");

        Result show = cli("study", "show", id.substring(id.length() - 4));
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("trials: 3 (3 finished, 0 pruned, 0 failed) of 3").contains("best: trial ");
        Result list = cli("study", "list");
        assertThat(list.out()).contains(id).contains("finished").contains("3/3");
        Result resume = cli("study", "resume", id);
        assertThat(resume.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(resume.err()).contains("is finished");
    }

    @Test
    void twoObjectivesPrintTheParetoSet() throws Exception {
        Path file = spec("{\"name\": \"two\", \"base\": " + base("1") + ", \"parameters\": ["
                + "{\"name\": \"width\", \"type\": \"categorical\", \"choices\": [8, 256]}],"
                + "\"objectives\": [{\"metric\": \"val/best_accuracy\", \"direction\": \"maximize\"},"
                + "{\"metric\": \"params\", \"direction\": \"minimize\"}], \"sampler\": \"grid\", \"trials\": 5}");
        Result r = cli("study", "run", file.toString(), "--no-energy");
        assertThat(r.code()).as(r.err()).isZero();
        // the grid has two points: the study stops there, whatever the trial budget says
        assertThat(r.out()).contains("grid exhausted (2 points)").contains("Pareto set (");
        assertThat(r.out()).contains("params=");
    }

    @Test
    void everyProblemOfAStudySpecIsPrintedAtOnceWithExitTwoAndNoStudyIsMade() throws Exception {
        Path file = spec("{\"base\": " + base("2") + ", \"sampler\": \"bayes\", \"trials\": 0, \"parameters\": ["
                + "{\"name\": \"lr\", \"type\": \"float\", \"low\": 0.1, \"high\": 0.01, \"field\": \"learningRate\"},"
                + "{\"name\": \"unused\", \"type\": \"int\", \"low\": 1, \"high\": 3},"
                + "{\"name\": \"width\", \"type\": \"int\", \"low\": 8, \"high\": 16}]}");
        Result r = cli("study", "run", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("sampler: must be one of [tpe, random, grid]").contains("trials: must be between 1")
                .contains("low <= high").doesNotContain("Exception");
        assertThat(Files.exists(workspace.resolve("studies"))).isFalse();

        Path unused = spec("{\"base\": " + base("2") + ", \"parameters\": [{\"name\": \"unused\", \"type\": \"int\", "
                + "\"low\": 1, \"high\": 3}, {\"name\": \"width\", \"type\": \"int\", \"low\": 8, \"high\": 16}]}");
        Result u = cli("study", "run", unused.toString());
        assertThat(u.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(u.err()).contains("unused reaches no field and no ${unused}");

        Path noData = spec("{\"base\": " + base("2").replace("\"samples\"", "\"no-such-data\"") + ", \"parameters\": ["
                + "{\"name\": \"width\", \"type\": \"int\", \"low\": 8, \"high\": 16}]}");
        Result d = cli("study", "run", noData.toString());
        assertThat(d.code()).as(d.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(d.err()).contains("base.dataset").contains("no-such-data");
        assertThat(Files.exists(workspace.resolve("studies"))).isFalse();

        Path truncated = spec("{\"base\": {\"kind\": \"train\"");
        Result t = cli("study", "run", truncated.toString());
        assertThat(t.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(t.err()).startsWith("error: Cannot read study spec");
        Result missing = cli("study", "run", workspace.resolve("nope.json").toString());
        assertThat(missing.err()).contains("Study spec file not found");
        Result parallel = cli("study", "run", unused.toString(), "--parallel", "100000");
        assertThat(parallel.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(parallel.err()).contains("--parallel must be between 1");
        Result none = cli("study", "show", "nothing");
        assertThat(none.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("No study 'nothing'");
    }
}
