package dev.joulebench.cli;

import java.io.PrintStream;

/**
 * Where human text goes. With {@code --json} stdout carries only JSON, so progress and logs go to
 * stderr; a progress bar is drawn only on a real terminal, plain lines otherwise.
 */
record Console(PrintStream out, PrintStream info, boolean terminal, boolean json) {
    static Console of(PrintStream out, PrintStream err, boolean json) {
        return new Console(out, json ? err : out, System.console() != null, json);
    }
}
