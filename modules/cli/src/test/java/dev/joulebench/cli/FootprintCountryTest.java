package dev.joulebench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.joulebench.cli.InProcessCli.Result;
import dev.joulebench.core.Json;
import dev.joulebench.core.store.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --country on the command line: a code outside the grid table is bad input before a run exists. */
class FootprintCountryTest {
    @TempDir
    Path workspace;

    private Result train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "samples", "--model", "mlp:784-16-10",
                "--epochs", "1", "--limit-train", "200", "--device", "cpu", "--threads", "2"));
        args.addAll(List.of(extra));
        return InProcessCli.run(workspace, args.toArray(String[]::new));
    }

    @Test
    void anUnknownWellFormedCodeExitsTwoNamingTheClosestCodesAndCreatesNoRun() {
        Result r = train("--country", "DEX");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--country: 'DEX' is not in the grid table; closest: DEU (Germany), MEX (Mexico),")
                .contains("DNK (Denmark); WLD is the world average");
        assertThat(workspace.resolve("runs")).doesNotExist();

        Result xyz = train("--country", "xyz");
        assertThat(xyz.code()).isEqualTo(2);
        assertThat(xyz.err()).contains("'XYZ' is not in the grid table");
        assertThat(workspace.resolve("runs")).doesNotExist();
    }

    @Test
    void theWorldCodeInAnyCaseStillRuns() throws Exception {
        Result r = train("--json", "--country", "wld");
        assertThat(r.code()).as(r.err()).isZero();
        RunRecord rec = Json.mapper().readValue(r.out(), RunRecord.class);
        Path dir = workspace.resolve("runs").resolve(rec.id());
        JsonNode ci = Json.mapper().readTree(Files.readString(dir.resolve("run.json")))
                .at("/reports/energy/carbon_intensity");
        assertThat(ci.get("iso3").asText()).isEqualTo("WLD");
        assertThat(ci.get("gPerKwh").asDouble()).isEqualTo(475.0);
    }
}
