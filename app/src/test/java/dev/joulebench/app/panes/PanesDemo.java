package dev.joulebench.app.panes;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.joulebench.core.JobRunner;
import dev.joulebench.core.MonotonicClock;
import dev.joulebench.core.RunHandle;
import dev.joulebench.core.event.EventBus;
import dev.joulebench.core.provenance.ProvenanceCollector;
import dev.joulebench.core.spec.TrainSpec;
import dev.joulebench.core.store.RunStore;
import dev.joulebench.energy.EnergyMeter;
import dev.joulebench.energy.EnergySettings;
import dev.joulebench.energy.footprint.FootprintSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Dev main, not a test: opens the panes in a real window, streams a training run on {@code samples}
 * into them, prints the FX pulse figures, and saves screenshots of the live and the reopened run.
 * Run under {@code xvfb-run} on a machine without a display. Arguments: output folder, epochs,
 * {@code dark}|{@code light}.
 */
public final class PanesDemo {
    private PanesDemo() {}

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> new Thread(r, "panes-demo-loader"));

        @Override
        public void start(Stage stage) throws IOException {
            List<String> a = getParameters().getRaw();
            Path out = Path.of(a.isEmpty() ? "target/panes-demo" : a.get(0));
            int epochs = a.size() > 1 ? Integer.parseInt(a.get(1)) : 3;
            boolean dark = a.size() > 2 && a.get(2).equals("dark");
            Files.createDirectories(out);
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            RunPanes panes = new RunPanes(loader, FootprintSettings.defaults().withCountry("DEU"));
            Scene scene = new Scene((Parent) panes.node(), 1280, 800);
            stage.setScene(scene);
            stage.setTitle("Joulebench panes demo");
            stage.show();
            LiveTrainingPanesTest.PulseRecorder pulses = new LiveTrainingPanesTest.PulseRecorder();
            Thread driver = new Thread(() -> drive(panes, scene, pulses, out, epochs), "panes-demo-driver");
            driver.setDaemon(true);
            driver.start();
        }

        private void drive(RunPanes panes, Scene scene, LiveTrainingPanesTest.PulseRecorder pulses, Path out,
                           int epochs) {
            try (EventBus bus = new EventBus()) {
                Path workspace = out.resolve("workspace");
                JobRunner runner = new JobRunner(new RunStore(workspace), bus, MonotonicClock.system(),
                        ProvenanceCollector.fromServiceLoader(), List.of(EnergyMeter.factory(EnergySettings.defaults())));
                AutoCloseable sub = bus.subscribe("panes", panes.liveListener());
                TrainSpec spec = TrainSpec.builder().method("bp").dataset("samples").model("mlp:784-32-10").epochs(epochs).batchSize(16).optimizer("adam").validationFraction(0.2).seed(7L).device("cpu").threads(1).spectraEvery(10).spectraWindow(64).build();
                RunHandle h = runner.submit(spec);
                Thread.sleep(4000);
                shoot(scene, out.resolve("live-mid-run.png"));
                // measured from here: the snapshot above is a synchronous render of its own
                Platform.runLater(() -> {
                    pulses.attach(scene);
                    pulses.start();
                });
                var record = h.await();
                bus.drain(10, TimeUnit.SECONDS);
                sub.close();
                Platform.runLater(pulses::stop);
                Thread.sleep(500);
                System.out.printf(Locale.ROOT, "[demo] run %s %.1f s; %d pulses in %.1f s = %.1f/s; longest gap %.1f ms;"
                                + " gaps > 16.7 ms: %d, > 33 ms: %d; prism %s%n", record.status(),
                        record.durationSeconds(), pulses.count(), pulses.seconds(), pulses.count() / pulses.seconds(),
                        pulses.maxGapMs(), pulses.gapsOver(16.7), pulses.gapsOver(33.4),
                        com.sun.prism.GraphicsPipeline.getPipeline().getClass().getSimpleName());
                System.out.println("[demo] longest gaps:" + pulses.longest(8));
                System.out.println("[demo] " + pulses.work());
                shoot(scene, out.resolve("live-ended.png"));
                Path dir = workspace.resolve("runs").resolve(record.id());
                Platform.runLater(() -> {
                    panes.show(dir);
                });
                Thread.sleep(1500);
                Platform.runLater(() -> panes.cursor().moveTo(record.durationSeconds() / 2));
                Thread.sleep(800);
                shoot(scene, out.resolve("reopened-cursor.png"));
                TrainSpec mf = TrainSpec.builder().method("mf").dataset("samples").model("mlp:784-64-32").epochs(1).batchSize(16).optimizer("adam").validationFraction(0.2).seed(7L).device("cpu").threads(1).spectraEvery(0).spectraWindow(64).build();
                var second = runner.submit(mf).await();
                Path dir2 = workspace.resolve("runs").resolve(second.id());
                Platform.runLater(() -> panes.compare(List.of(dir, dir2)));
                Thread.sleep(1500);
                shoot(scene, out.resolve("compare.png"));
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
                loader.shutdownNow();
            }
        }

        private static void shoot(Scene scene, Path file) throws Exception {
            var done = new java.util.concurrent.CompletableFuture<WritableImage>();
            Platform.runLater(() -> done.complete(scene.snapshot(null)));
            WritableImage img = done.get(10, TimeUnit.SECONDS);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            PixelReader pr = img.getPixelReader();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    bi.setRGB(x, y, pr.getArgb(x, y));
                }
            }
            try {
                ImageIO.write(bi, "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("[demo] wrote " + file);
        }
    }
}
