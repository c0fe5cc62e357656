package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code joulebench run --id-file/--stop-file}, what a study's Slurm job runs: the run id out, a stop in. */
class RunControlFilesTest {
    @TempDir
    Path workspace;

    Path spec(int epochs) throws Exception {
        Path f = workspace.resolve("spec-" + epochs + ".json");
        Files.writeString(f, "{\"kind\": \"train\", \"method\": \"bp\", \"dataset\": \"samples\", \"model\": \"mlp:784-16-10\", "
                + "\"epochs\": " + epochs + ", \"limitTrain\": 800, \"device\": \"cpu\", \"threads\": 1}");
        return f;
    }

    @Test
    void theIdFileNamesTheRunAsSoonAsItExistsAndAMissingFolderIsBadInputBeforeAnyRun() throws Exception {
        Path id = workspace.resolve("trial.run");
        Result r = InProcessCli.run(workspace, "run", spec(1).toString(), "--no-energy", "--json", "--id-file", id.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String runId = Json.mapper().readTree(r.out()).get("id").asText();
        assertThat(Files.readString(id)).isEqualTo(runId + "\n");
        assertThat(workspace.resolve("trial.run.tmp")).doesNotExist();

        Result missing = InProcessCli.run(workspace, "run", spec(1).toString(), "--id-file",
                workspace.resolve("no/such/folder/x.run").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("error: --id-file: the folder of "
                + workspace.resolve("no/such/folder/x.run") + " does not exist");
        Result folder = InProcessCli.run(workspace, "run", spec(1).toString(), "--id-file", workspace.toString());
        assertThat(folder.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(folder.err()).contains("is a folder");
        try (var runs = Files.list(workspace.resolve("runs"))) {
            assertThat(runs.count()).isEqualTo(1);
        }
    }

    /** A long run gets the word mid-way (after its id appeared); it ends as the word says, keeping what it recorded. */
    JsonNode stoppedBy(String word) throws Exception {
        Path id = workspace.resolve(word + ".run");
        Path stop = workspace.resolve(word + ".stop");
        Path file = spec(400);
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> InProcessCli.run(workspace, "run",
                file.toString(), "--no-energy", "--json", "--id-file", id.toString(), "--stop-file", stop.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(id) && !run.isDone()) {
            assertThat(System.nanoTime()).as("the id file to appear").isLessThan(deadline);
            Thread.sleep(20);
        }
        Files.writeString(stop, word + "\n");
        Result r = run.get(60, TimeUnit.SECONDS);
        JsonNode record = Json.mapper().readTree(r.out());
        assertThat(record.get("id").asText()).isEqualTo(Files.readString(id).strip());
        long epochs = Json.readLines(workspace.resolve("runs").resolve(record.get("id").asText()).resolve("metrics.jsonl"))
                .stream().filter(m -> "val/accuracy".equals(m.path("name").asText())).count();
        assertThat(epochs).as("epochs run before the stop").isLessThan(400);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) record).put("exit", r.code());
    }

    @Test
    void pruneInTheStopFilePrunesTheRun() throws Exception {
        JsonNode r = stoppedBy("prune");
        assertThat(r.get("status").asText()).isEqualTo("pruned");
        assertThat(r.get("exit").asInt()).as("a pruned run did what it was asked").isEqualTo(ExitCodes.OK);
    }

    @Test
    void anyOtherWordInTheStopFileCancelsTheRun() throws Exception {
        JsonNode r = stoppedBy("cancel");
        assertThat(r.get("status").asText()).isEqualTo("cancelled");
        assertThat(r.get("exit").asInt()).isEqualTo(ExitCodes.JOB_FAILED);
    }
}
