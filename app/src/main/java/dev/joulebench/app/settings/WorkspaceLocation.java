package dev.joulebench.app.settings;

import dev.joulebench.core.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Which workspace the app opens: the command line's ({@code DIR} or {@code --workspace DIR}), else
 * {@code $JOULEBENCH_WORKSPACE}, else the one used last, else {@code ~/joulebench} (DESIGN.md).
 */
public final class WorkspaceLocation {
    private WorkspaceLocation() {}

    public static Path choose(List<String> args, Map<String, String> env, AppSettings remembered, Path userHome) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--workspace") && i + 1 < args.size()) {
                return Path.of(args.get(i + 1)).toAbsolutePath().normalize();
            }
            if (a.startsWith("--workspace=")) {
                return Path.of(a.substring("--workspace=".length())).toAbsolutePath().normalize();
            }
            if (!a.startsWith("-")) {
                return Path.of(a).toAbsolutePath().normalize();
            }
        }
        String fromEnv = env.get(Workspace.ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        if (remembered.workspace() != null && !remembered.workspace().isBlank()) {
            return Path.of(remembered.workspace());
        }
        return userHome.resolve("joulebench");
    }
}
