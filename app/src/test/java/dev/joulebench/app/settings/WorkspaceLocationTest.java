package dev.joulebench.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspaceLocationTest {
    private final Path home = Path.of("/home/u");
    private final AppSettings remembered = AppSettings.defaults().withWorkspace("/last/ws");

    @Test
    void commandLineWinsThenEnvironmentThenLastThenHome() {
        Map<String, String> env = Map.of("JOULEBENCH_WORKSPACE", "/env/ws");
        assertThat(WorkspaceLocation.choose(List.of("/arg/ws"), env, remembered, home)).isEqualTo(Path.of("/arg/ws"));
        assertThat(WorkspaceLocation.choose(List.of("--workspace", "/opt/ws"), env, remembered, home))
                .isEqualTo(Path.of("/opt/ws"));
        assertThat(WorkspaceLocation.choose(List.of("--workspace=/eq/ws"), env, remembered, home))
                .isEqualTo(Path.of("/eq/ws"));
        assertThat(WorkspaceLocation.choose(List.of(), env, remembered, home)).isEqualTo(Path.of("/env/ws"));
        assertThat(WorkspaceLocation.choose(List.of(), Map.of(), remembered, home)).isEqualTo(Path.of("/last/ws"));
        assertThat(WorkspaceLocation.choose(List.of(), Map.of(), AppSettings.defaults(), home))
                .isEqualTo(Path.of("/home/u/joulebench"));
    }
}
