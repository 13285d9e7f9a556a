package dev.perfkit.examples.report;

import dev.perfkit.core.load.LoadReport;
import dev.perfkit.examples.report.LabResults.Backlog;
import dev.perfkit.examples.report.LabResults.Bucket;
import dev.perfkit.examples.report.LabResults.Latency;
import dev.perfkit.examples.report.LabResults.MemoryRun;
import dev.perfkit.examples.report.LabResults.Second;
import dev.perfkit.examples.report.LabResults.Throttling;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart; a chart without data is left out. */
final class Charts {

  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  private static final Color[] COLORS = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b)
  };
  private static final Color OK = new Color(0x2ca02c);
  private static final Color THROTTLED = new Color(0xd62728);
  private static final Color QUOTA = new Color(0x9467bd);
  private static final Color FAILED = new Color(0x7f7f7f);

  /** A chart and the file it is written to. */
  record Drawn(String file, String title, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {}

  private Charts() {}

  /** p50, p95 and p99 of every test that measured latency, on a logarithmic axis. */
  static Optional<Drawn> latencyPercentiles(LabResults results) {
    Map<String, Latency> tests = new LinkedHashMap<>();
    if (results.coldStarts() != null) {
      tests.put("cold start", results.coldStarts().onDemandFirst());
      tests.put("warm", results.coldStarts().warm());
    }
    if (results.apiCache() != null) {
      tests.put("API cache miss", results.apiCache().miss());
      tests.put("API cache hit", results.apiCache().hit());
    }
    if (results.loadTest() != null) {
      tests.put("load test", latency(results.loadTest().results()));
    }
    for (MemoryRun run : results.memory()) {
      tests.put(run.memoryMb() + " MB", latency(run.loadTest().results()));
    }
    tests.values().removeIf(latency -> latency.count() == 0);
    if (tests.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart = category("Latency percentiles per test", "", "milliseconds (log scale)");
    chart.getStyler().setYAxisLogarithmic(true);
    List<String> names = new ArrayList<>(tests.keySet());
    chart.addSeries("p50", names, positive(tests.values().stream().map(Latency::p50Ms).toList()));
    chart.addSeries("p95", names, positive(tests.values().stream().map(Latency::p95Ms).toList()));
    chart.addSeries("p99", names, positive(tests.values().stream().map(Latency::p99Ms).toList()));
    return Optional.of(new Drawn("latency-percentiles.png", chart.getTitle(), chart));
  }

  /** Median and maximum of cold (first) against warm invocations. */
  static Optional<Drawn> coldVsWarm(LabResults.ColdStarts cold) {
    if (cold == null || cold.onDemandFirst().count() == 0 || cold.warm().count() == 0) {
      return Optional.empty();
    }
    CategoryChart chart = category("Cold against warm invocations ($LATEST)", "", "milliseconds");
    List<String> kinds = List.of("cold (first on a new environment)", "warm (the calls after it)");
    chart.addSeries("median", kinds, List.of(cold.onDemandFirst().p50Ms(), cold.warm().p50Ms()));
    chart.addSeries("max", kinds, List.of(cold.onDemandFirst().maxMs(), cold.warm().maxMs()));
    return Optional.of(new Drawn("cold-vs-warm.png", chart.getTitle(), chart));
  }

  /** Each round's first invocation of a provisioned environment against an on-demand one. */
  static Optional<Drawn> provisionedVsOnDemand(LabResults.ColdStarts cold) {
    if (cold == null || cold.provisionedFirstMs().isEmpty() || cold.onDemandFirstMs().isEmpty()) {
      return Optional.empty();
    }
    int rounds = Math.min(cold.provisionedFirstMs().size(), cold.onDemandFirstMs().size());
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= rounds; i++) {
      labels.add("round " + i);
    }
    CategoryChart chart =
        category("First invocation: provisioned (alias prod) against on-demand ($LATEST)", "",
            "milliseconds");
    chart.addSeries("on-demand (cold start)", labels, cold.onDemandFirstMs().subList(0, rounds));
    chart.addSeries("provisioned", labels, cold.provisionedFirstMs().subList(0, rounds));
    return Optional.of(new Drawn("provisioned-vs-on-demand.png", chart.getTitle(), chart));
  }

  /** Answers per second of a throttling step, stacked. */
  static Optional<Drawn> throttles(String file, String title, Throttling throttling) {
    if (throttling == null || throttling.perSecond().isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart = category(title, "second of the step", "requests");
    chart.getStyler().setStacked(true);
    List<String> seconds =
        throttling.perSecond().stream().map(s -> Integer.toString(s.second())).toList();
    List<Color> colors = new ArrayList<>();
    addCounts(chart, colors, "succeeded", OK, seconds, throttling, Second::succeeded);
    addCounts(chart, colors, "429 throttled", THROTTLED, seconds, throttling, Second::throttled);
    addCounts(chart, colors, "429 quota exceeded", QUOTA, seconds, throttling,
        Second::limitExceeded);
    addCounts(chart, colors, "failed", FAILED, seconds, throttling, Second::failed);
    chart.getStyler().setSeriesColors(colors.toArray(Color[]::new));
    return Optional.of(new Drawn(file, title, chart));
  }

  private static void addCounts(
      CategoryChart chart,
      List<Color> colors,
      String name,
      Color color,
      List<String> seconds,
      Throttling throttling,
      ToLongFunction<Second> count) {
    List<Long> values = throttling.perSecond().stream().map(s -> count.applyAsLong(s)).toList();
    if (name.equals("succeeded") || values.stream().anyMatch(v -> v > 0)) {
      chart.addSeries(name, seconds, values);
      colors.add(color);
    }
  }

  /** Latency of the stage cache's hits against its misses. */
  static Optional<Drawn> apiCache(LabResults.ApiCache cache) {
    if (cache == null || cache.hits() == 0 || cache.misses() == 0) {
      return Optional.empty();
    }
    CategoryChart chart = category("API stage cache: hit against miss", "", "milliseconds");
    List<String> kinds = List.of("miss (the function ran)", "hit (from the stage cache)");
    chart.addSeries("p50", kinds, List.of(cache.miss().p50Ms(), cache.hit().p50Ms()));
    chart.addSeries("p95", kinds, List.of(cache.miss().p95Ms(), cache.hit().p95Ms()));
    chart.addSeries("max", kinds, List.of(cache.miss().maxMs(), cache.hit().maxMs()));
    return Optional.of(new Drawn("api-cache.png", chart.getTitle(), chart));
  }

  /** The queue's backlog over time: waiting, in flight and processed messages. */
  static Optional<Drawn> sqsBacklog(LabResults.Sqs sqs) {
    if (sqs == null || sqs.backlog().size() < 2) {
      return Optional.empty();
    }
    XYChart chart = xy("SQS backlog (event source mapping samples)", "seconds", "messages");
    double[] x = sqs.backlog().stream().mapToDouble(Backlog::second).toArray();
    line(chart, "waiting (ApproximateNumberOfMessages)", x,
        sqs.backlog().stream().mapToDouble(Backlog::visible).toArray());
    line(chart, "in flight (NotVisible)", x,
        sqs.backlog().stream().mapToDouble(Backlog::inFlight).toArray());
    line(chart, "processed", x, sqs.backlog().stream().mapToDouble(Backlog::processed).toArray());
    return Optional.of(new Drawn("sqs-backlog.png", chart.getTitle(), chart));
  }

  /** Messages processed per second between samples, and the pollers running. */
  static Optional<Drawn> sqsThroughput(LabResults.Sqs sqs) {
    if (sqs == null || sqs.backlog().size() < 2) {
      return Optional.empty();
    }
    List<Backlog> samples = sqs.backlog();
    double[] x = new double[samples.size() - 1];
    double[] rate = new double[x.length];
    double[] pollers = new double[x.length];
    for (int i = 1; i < samples.size(); i++) {
      Backlog before = samples.get(i - 1);
      Backlog after = samples.get(i);
      double seconds = Math.max(1e-3, after.second() - before.second());
      x[i - 1] = after.second();
      rate[i - 1] = (after.processed() - before.processed()) / seconds;
      pollers[i - 1] = after.pollers();
    }
    XYChart chart = xy("SQS throughput and pollers", "seconds", "messages per second");
    line(chart, "processed per second", x, rate);
    XYSeries pollerSeries = line(chart, "pollers (right axis)", x, pollers);
    pollerSeries.setYAxisGroup(1);
    chart.setYAxisGroupTitle(1, "pollers");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    return Optional.of(new Drawn("sqs-throughput.png", chart.getTitle(), chart));
  }

  /** The end-to-end latency of processed messages, as a histogram. */
  static Optional<Drawn> sqsLatency(LabResults.Sqs sqs) {
    if (sqs == null || sqs.endToEndHistogram().isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        category("SQS end-to-end latency (sent to deleted)", "milliseconds", "messages");
    List<String> labels = sqs.endToEndHistogram().stream()
        .map(b -> String.format(Locale.ROOT, "%.0f", b.fromMs())).toList();
    chart.addSeries("messages", labels,
        sqs.endToEndHistogram().stream().map(Bucket::count).toList());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    return Optional.of(new Drawn("sqs-latency.png", chart.getTitle(), chart));
  }

  /** The load tester's percentiles at each memory size. */
  static Optional<Drawn> memory(List<MemoryRun> runs) {
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        category("cpu_intensive through the load tester, per memory size", "", "milliseconds");
    List<String> sizes = runs.stream().map(r -> r.memoryMb() + " MB").toList();
    List<LoadReport.PerformanceMetrics> metrics =
        runs.stream().map(r -> r.loadTest().results().performanceMetrics()).toList();
    chart.addSeries("p50", sizes,
        metrics.stream().map(LoadReport.PerformanceMetrics::p50ExecutionTimeMs).toList());
    chart.addSeries("p95", sizes,
        metrics.stream().map(LoadReport.PerformanceMetrics::p95ExecutionTimeMs).toList());
    chart.addSeries("p99", sizes,
        metrics.stream().map(LoadReport.PerformanceMetrics::p99ExecutionTimeMs).toList());
    return Optional.of(new Drawn("memory.png", chart.getTitle(), chart));
  }

  private static Latency latency(LoadReport report) {
    return Latency.ofMicros(report.latencies());
  }

  /** Logarithmic axes cannot draw 0: the smallest value shown is 0.01 ms. */
  private static List<Double> positive(List<Double> values) {
    return values.stream().map(v -> Math.max(0.01, v)).toList();
  }

  private static CategoryChart category(String title, String xTitle, String yTitle) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setSeriesColors(COLORS);
    return chart;
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(chart.getStyler());
    chart.getStyler().setSeriesColors(COLORS);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }

  private static void style(AxesChartStyler styler) {
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xdddddd));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAntiAlias(true);
  }
}
