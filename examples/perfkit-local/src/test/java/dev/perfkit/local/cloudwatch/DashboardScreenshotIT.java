package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.assertSucceeded;
import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.requireTool;
import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard pages in headless Chromium after {@link DashboardRun}: the DOM Chromium built tells
 * each widget's datapoints, the screenshot (kept under {@code target/cloudwatch-screenshots}) shows
 * them.
 */
class DashboardScreenshotIT {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final Path SCREENSHOTS = Path.of("target", "cloudwatch-screenshots");

  private static LocalCloudWatch cloudWatch;
  @TempDir Path profiles;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = DashboardRun.start();
  }

  @AfterAll
  static void stop() {
    cloudWatch.close();
  }

  private CloudWatchTestSupport.Result chromium(String dashboard, String... arguments)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "profile"),
                "--window-size=1240,1000"));
    command.addAll(List.of(arguments));
    command.add(cloudWatch.dashboardPage(dashboard).toString());
    return run(Map.of(), null, command, false);
  }

  private Map<String, Integer> screenshot(String dashboard) throws IOException {
    Path png = Files.createDirectories(SCREENSHOTS).resolve(dashboard + ".png").toAbsolutePath();
    Files.deleteIfExists(png);

    CloudWatchTestSupport.Result shot = chromium(dashboard, "--screenshot=" + png);
    CloudWatchTestSupport.Result dom = chromium(dashboard, "--dump-dom");

    assertSucceeded(shot);
    assertSucceeded(dom);
    byte[] image = Files.readAllBytes(png);
    assertThat(image).as("a PNG screenshot").startsWith(0x89, 'P', 'N', 'G');
    assertThat(image.length).isGreaterThan(10_000);
    return DashboardPageTest.widgetPoints(dom.output());
  }

  @Test
  void perfkitsDashboard_inChromium_hasDataInEveryWidget() throws IOException {
    requireTool("headless Chromium", CHROMIUM, "--version");

    Map<String, Integer> points = screenshot("perfkit");

    assertThat(points).hasSize(5);
    assertThat(points.values()).allSatisfy(count -> assertThat(count).isPositive());
  }

  @Test
  void labsOriginalDashboard_inChromium_showsItsEmptyCustomMetricsGraph() throws IOException {
    requireTool("headless Chromium", CHROMIUM, "--version");

    Map<String, Integer> points = screenshot("lab");

    assertThat(points).hasSize(5).containsEntry("Custom Performance Metrics", 0);
  }
}
