package dev.perfkit.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.RequiredTool;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens a report in headless Chromium, as a reader would, and looks at the screenshot. */
class ReportScreenshotIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @Test
  void report_inHeadlessChromium_rendersAPageWithChartsAndText(@TempDir Path dir)
      throws IOException, InterruptedException {
    RequiredTool.require(
        "Chromium at " + CHROMIUM, Files.isExecutable(CHROMIUM), "apt-get install chromium");
    Path index = LabReport.write(SampleResults.complete(), dir.resolve("report"));
    Path screenshot = dir.resolve("screenshot.png");
    Path log = dir.resolve("chromium.log");

    Process chromium =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + dir.resolve("profile"),
                    "--screenshot=" + screenshot,
                    "--window-size=1280,2000",
                    index.toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exited = chromium.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    assertThat(exited).as("Chromium exited within 120 s").isTrue();
    assertThat(chromium.exitValue()).as(Files.readString(log)).isZero();
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).as("a PNG at %s", screenshot).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(2000);
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
    assertThat(colours(image)).as("distinct colours: text, tables, charts").isGreaterThan(100);
  }

  private static int colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
