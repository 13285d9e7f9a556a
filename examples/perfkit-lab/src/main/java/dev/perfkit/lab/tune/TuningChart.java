package dev.perfkit.lab.tune;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The chart of a {@link TuningReport}: PNG, two bar charts side by side, duration percentiles (p50,
 * p95, p99) and the cost per million invocations (x86_64, arm64), per memory size.
 */
public final class TuningChart {

  private static final int WIDTH = 640;
  private static final int HEIGHT = 420;

  private TuningChart() {}

  /**
   * Writes the chart to {@code file} (directories created), unless no size succeeded.
   *
   * @return the file, or empty when there was nothing to draw
   * @throws IOException when the file cannot be written
   */
  public static Optional<Path> writePng(TuningReport report, Path file) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(file, "file");
    List<SizeResult> measured = report.sizes().stream().filter(SizeResult::measured).toList();
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    List<String> sizes = measured.stream().map(s -> s.memoryMb() + " MB").toList();

    CategoryChart durations =
        chart(
            "Duration of "
                + report.function()
                + (report.local() ? " (local: CPU does not scale)" : ""),
            "Duration, ms");
    durations.addSeries("p50", sizes, measured.stream().map(SizeResult::p50Ms).toList());
    durations.addSeries("p95", sizes, measured.stream().map(SizeResult::p95Ms).toList());
    durations.addSeries("p99", sizes, measured.stream().map(SizeResult::p99Ms).toList());

    CategoryChart cost = chart("Cost per 1M invocations", "USD");
    cost.addSeries("x86_64", sizes, measured.stream().map(SizeResult::costPerMillionX86).toList());
    cost.addSeries("arm64", sizes, measured.stream().map(SizeResult::costPerMillionArm64).toList());

    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(List.of(durations, cost), 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
    }
    return Optional.of(file);
  }

  private static CategoryChart chart(String title, String yAxis) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("Memory size")
            .yAxisTitle(yAxis)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }
}
