package dev.joulebench.app.workspace;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code <workspace>/runs/} for run directories appearing or disappearing (a CLI run started
 * beside the app) and calls {@code onChange} once per burst of changes, at most every 500 ms.
 * Status changes inside a run directory are picked up by F5 and when an app run ends.
 */
public final class RunsWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunsWatcher.class);
    private static final long QUIET_MS = 500;

    private final WatchService service;
    private final Thread thread;

    private RunsWatcher(WatchService service, Path runs, Runnable onChange) {
        this.service = service;
        this.thread = new Thread(() -> loop(onChange), "runs-watcher-" + runs.getParent().getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts watching (creating runs/ if needed); null when the file system cannot be watched. */
    public static RunsWatcher start(Path workspace, Runnable onChange) {
        Path runs = workspace.resolve("runs");
        WatchService ws = null;
        try {
            Files.createDirectories(runs);
            ws = FileSystems.getDefault().newWatchService();
            runs.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            RunsWatcher w = new RunsWatcher(ws, runs, onChange);
            w.thread.start();
            return w;
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without watch support (some network mounts): the list still refreshes on F5
            LOG.warn("Not watching {} (refresh with F5): {}", runs, e.toString());
            closeQuietly(ws);
            return null;
        }
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                // Coalesce the burst a run start makes (directory, run.json temp + rename).
                WatchKey more;
                while ((more = service.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                onChange.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the workspace changed or the app is exiting
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing watcher: {}", e.toString());
        }
    }

    private static void closeQuietly(WatchService ws) {
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.debug("closing the unused watch service: {}", e.toString());
            }
        }
    }
}
