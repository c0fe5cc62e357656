package dev.joulebench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.joulebench.report.spi.PdfReportWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {
    @TempDir
    Path tmp;

    @Test
    void everyChartOfARunAsPngAndSvg() throws Exception {
        Path ws = Fixtures.workspace(tmp.resolve("ws"));
        Path dir = tmp.resolve("charts");
        List<Path> files = new PdfReportWriter(ws).writeCharts(new ReportRequest(List.of(Fixtures.TRAIN_WITH_ACTIVATIONS),
                PaperSize.A4, null), dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("01-power.png", "01-power.svg",
                "02-cumulative-energy.svg", "03-loss.svg", "04-accuracy.svg", "05-weight-spectrum-01Linear_weight.svg",
                "07-activation-spectra.png");
        BufferedImage png = ImageIO.read(dir.resolve("01-power.png").toFile());
        assertThat(png.getWidth()).isEqualTo(990);
        assertThat(png.getHeight()).isEqualTo((int) Math.round(495 * 0.42 * 2));
        String svg = Files.readString(dir.resolve("05-weight-spectrum-01Linear_weight.svg"));
        assertThat(svg).startsWith("<?xml").contains("<svg", "Marchenko", "λ+", "DejaVu Sans");
        // well-formed XML, so any SVG viewer reads it
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Path f : files) {
            if (f.toString().endsWith(".svg")) {
                assertThat(xml.newDocumentBuilder().parse(f.toFile()).getDocumentElement().getTagName()).isEqualTo("svg");
            }
        }
        // written atomically: no temp files left
        try (var left = Files.list(dir)) {
            assertThat(left.map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
        }
        Path out = Path.of("target/report-pages/charts");
        Files.createDirectories(out);
        for (Path f : files) {
            Files.copy(f, out.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
