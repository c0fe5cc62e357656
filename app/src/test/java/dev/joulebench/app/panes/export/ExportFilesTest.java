package dev.joulebench.app.panes.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {
    @TempDir
    Path dir;

    @Test
    void pixelsBecomeAPngOfTheirSizeThatImageIoReadsBack() throws Exception {
        int w = 7;
        int h = 3;
        int[] argb = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | i * 0x0A0B0C;
        }
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(ExportFiles.png(w, h, argb)));
        assertThat(back.getWidth()).isEqualTo(w);
        assertThat(back.getHeight()).isEqualTo(h);
        assertThat(back.getRGB(4, 2)).isEqualTo(argb[2 * w + 4]);
    }

    @Test
    void aFileIsReplacedWholeAndAFailedWriteLeavesNothingAndSaysWhy() throws Exception {
        Path file = dir.resolve("chart.svg");
        Files.writeString(file, "old");
        ExportFiles.write(file, "<svg/>".getBytes());
        assertThat(file).hasContent("<svg/>");
        assertThat(dir.resolve("chart.svg.tmp")).doesNotExist();

        Path missing = dir.resolve("no-such-folder").resolve("chart.png");
        assertThatThrownBy(() -> ExportFiles.write(missing, new byte[] {1}))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write " + missing + ": no such file or directory (the folder "
                        + missing.getParent() + " does not exist)");
        assertThat(missing.getParent()).doesNotExist();

        Path notAFolder = dir.resolve("chart.svg").resolve("inside.png"); // the "folder" is a file
        assertThatThrownBy(() -> ExportFiles.write(notAFolder, new byte[] {1}))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cannot write " + notAFolder + ": ");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void defaultNamesJoinTheRunAndThePaneInPortableCharacters() {
        assertThat(ExportFiles.fileName("20260101-000000-train-bp-1a2b", "power", "png"))
                .isEqualTo("20260101-000000-train-bp-1a2b-power.png");
        assertThat(ExportFiles.fileName("", "spectrum", "svg")).isEqualTo("joulebench-spectrum.svg");
        assertThat(ExportFiles.fileName("run one/χ", "loss", "svg")).isEqualTo("run_one_-loss.svg");
    }
}
