package dev.joulebench.cli;

import dev.joulebench.core.BadInputException;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code joulebench run --id-file F --stop-file S}: how a process that did not start the run in its own JVM (a
 * study's Slurm job, on another node) learns which run it is and stops it. The id goes to F atomically once the
 * run's folder exists; a named daemon thread reads S about once a second, and {@code prune} in it prunes the run,
 * anything else cancels it.
 */
final class RunControlFiles {
    static final RunControlFiles NONE = new RunControlFiles(null, null);
    private static final Logger LOG = LoggerFactory.getLogger(RunControlFiles.class);
    private static final long POLL_MILLIS = 1000;

    private final Path idFile;
    private final Path stopFile;

    /** Either may be null. */
    RunControlFiles(Path idFile, Path stopFile) {
        this.idFile = idFile == null ? null : idFile.toAbsolutePath();
        this.stopFile = stopFile == null ? null : stopFile.toAbsolutePath();
    }

    /** Bad input, before any run exists, when a file cannot be where it is asked to be. */
    void check() {
        folder("--id-file", idFile);
        folder("--stop-file", stopFile);
        if (idFile != null && Files.isDirectory(idFile)) {
            throw new BadInputException("--id-file " + idFile + " is a folder; give a file name");
        }
        if (idFile != null && !Files.isWritable(idFile.getParent())) {
            throw new BadInputException("--id-file: cannot write in " + idFile.getParent() + " (permission denied)");
        }
    }

    private static void folder(String option, Path file) {
        if (file != null && (file.getParent() == null || !Files.isDirectory(file.getParent()))) {
            throw new BadInputException(option + ": the folder of " + file + " does not exist");
        }
    }

    /**
     * Writes the run's id and starts watching the stop file; closing stops the watching.
     *
     * @throws IOException when the id file cannot be written (the caller cancels the run)
     */
    AutoCloseable attach(RunHandle handle) throws IOException {
        if (idFile != null) {
            AtomicFiles.writeString(idFile, handle.runId() + "\n");
        }
        if (stopFile == null) {
            return () -> { };
        }
        Thread watcher = new Thread(() -> watch(handle), "joulebench-stop-file");
        watcher.setDaemon(true);
        watcher.start();
        return () -> {
            watcher.interrupt();
            watcher.join(POLL_MILLIS * 2);
        };
    }

    private void watch(RunHandle handle) {
        boolean emptyBefore = false;
        while (!handle.completion().isDone()) {
            String word = read(stopFile);
            // an empty file may be one being written: act on it only if it is still empty a second later
            if (word != null && (!word.isEmpty() || emptyBefore)) {
                if ("prune".equals(word)) {
                    LOG.info("run {}: {} says prune", handle.runId(), stopFile);
                    handle.prune();
                } else {
                    LOG.info("run {}: {} says '{}': cancelling", handle.runId(), stopFile, word);
                    handle.cancel();
                }
                return;
            }
            emptyBefore = word != null;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return; // the run ended and the launcher stopped watching
            }
        }
    }

    /** The stop file's first word, lower case; "" for an empty file, null while there is none. */
    static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.debug("reading {}: {}", file, e.toString());
            return null;
        }
    }
}
