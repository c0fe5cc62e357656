package dev.joulebench.core;

import java.nio.file.Path;

/** Where runs live by default. Has no logger on purpose: the CLI asks before logging is configured. */
public final class Workspace {
    public static final String ENV = "JOULEBENCH_WORKSPACE";

    private Workspace() {}

    /** {@code $JOULEBENCH_WORKSPACE}, else {@code ~/joulebench}. */
    public static Path defaultPath() {
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), "joulebench");
    }
}
