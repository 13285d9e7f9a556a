package dev.perfkit.lab.report;

import dev.perfkit.lab.report.LabResults.Backlog;
import dev.perfkit.lab.report.LabResults.Bucket;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.lab.report.LabResults.Second;
import dev.perfkit.lab.report.LabResults.Throttling;
import dev.perfkit.lab.tune.SizeResult;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart; a chart without data is left out. */
final class Charts {

  static final String LATENCY = "latency-percentiles.png";
  static final String COLD_VS_WARM = "cold-vs-warm.png";
  static final String PROVISIONED = "provisioned-vs-on-demand.png";
  static final String LAMBDA_THROTTLES = "lambda-throttles.png";
  static final String API_CACHE = "api-cache.png";
  static final String API_THROTTLES = "api-throttling.png";
  static final String MEMORY = "memory.png";
  static final String SQS_BACKLOG = "sqs-backlog.png";
  static final String SQS_THROUGHPUT = "sqs-throughput.png";
  static final String SQS_SCALING = "sqs-scaling.png";
  static final String SQS_LATENCY = "sqs-latency.png";

  /** Every chart's file, drawn or not. */
  static final List<String> FILES =
      List.of(
          LATENCY,
          COLD_VS_WARM,
          PROVISIONED,
          LAMBDA_THROTTLES,
          API_CACHE,
          API_THROTTLES,
          MEMORY,
          SQS_BACKLOG,
          SQS_THROUGHPUT,
          SQS_SCALING,
          SQS_LATENCY);

  static final int WIDTH = 900;
  static final int HEIGHT = 420;

  private static final Color[] COLORS = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };
  private static final Color OK = new Color(0x2ca02c);
  private static final Color THROTTLED = new Color(0xd62728);
  private static final Color QUOTA = new Color(0x9467bd);
  private static final Color FAILED = new Color(0x7f7f7f);

  /** A chart and the file it is written to. */
  record Drawn(String file, String title, Chart<?, ?> chart) {}

  private Charts() {}

  /** p50, p95 and p99 of one test, in milliseconds. */
  private record Percentiles(double p50, double p95, double p99) {
    static Percentiles of(Latency latency) {
      return new Percentiles(latency.p50Ms(), latency.p95Ms(), latency.p99Ms());
    }
  }

  /** p50, p95 and p99 of every test that measured latency, on a logarithmic axis. */
  static Optional<Drawn> latencyPercentiles(LabResults results) {
    Map<String, Percentiles> tests = new LinkedHashMap<>();
    LabResults.ColdStarts cold = results.concurrency().coldStarts();
    if (cold != null) {
      add(tests, "cold start", cold.onDemandFirst());
      add(tests, "warm", cold.warm());
    }
    LabResults.ApiCache cache = results.api().cache();
    if (cache != null) {
      add(tests, "API cache miss", cache.miss());
      add(tests, "API cache hit", cache.hit());
    }
    LabResults.Load load = results.load();
    if (load.test() != null) {
      add(tests, "load test", Latency.ofMicros(load.test().results().latencies()));
    }
    if (load.memory() != null) {
      for (SizeResult size : load.memory().sizes()) {
        if (size.successful() > 0) {
          tests.put(
              "cpu_intensive " + size.memoryMb() + " MB",
              new Percentiles(size.p50Ms(), size.p95Ms(), size.p99Ms()));
        }
      }
    }
    if (results.sqs() != null) {
      add(tests, "SQS end to end", results.sqs().endToEnd());
    }
    if (tests.isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart = category("Latency percentiles per test", "", "milliseconds (log scale)");
    chart.getStyler().setYAxisLogarithmic(true);
    // Bars on a logarithmic axis need a floor above 0: the decade below the smallest value.
    double smallest = tests.values().stream().mapToDouble(Percentiles::p50).min().orElse(1);
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(0.01, smallest)))));
    chart.getStyler().setXAxisLabelRotation(20);
    List<String> names = new ArrayList<>(tests.keySet());
    chart.addSeries("p50", names, positive(tests.values().stream().map(Percentiles::p50)));
    chart.addSeries("p95", names, positive(tests.values().stream().map(Percentiles::p95)));
    chart.addSeries("p99", names, positive(tests.values().stream().map(Percentiles::p99)));
    return Optional.of(new Drawn(LATENCY, chart.getTitle(), chart));
  }

  private static void add(Map<String, Percentiles> tests, String name, Latency latency) {
    if (latency.count() > 0) {
      tests.put(name, Percentiles.of(latency));
    }
  }

  /** Median and maximum of cold (first) against warm invocations. */
  static Optional<Drawn> coldVsWarm(LabResults.ColdStarts cold) {
    if (cold == null || cold.onDemandFirst().count() == 0 || cold.warm().count() == 0) {
      return Optional.empty();
    }
    CategoryChart chart = category("Cold against warm invocations ($LATEST)", "", "milliseconds");
    labelled(chart);
    List<String> kinds = List.of("cold (first on a new environment)", "warm (the calls after it)");
    chart.addSeries("median", kinds, List.of(cold.onDemandFirst().p50Ms(), cold.warm().p50Ms()));
    chart.addSeries("max", kinds, List.of(cold.onDemandFirst().maxMs(), cold.warm().maxMs()));
    return Optional.of(new Drawn(COLD_VS_WARM, chart.getTitle(), chart));
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
        category(
            "First invocation: provisioned (alias prod) against on-demand ($LATEST)",
            "",
            "milliseconds");
    labelled(chart);
    chart.addSeries("on-demand (cold start)", labels, cold.onDemandFirstMs().subList(0, rounds));
    chart.addSeries("provisioned", labels, cold.provisionedFirstMs().subList(0, rounds));
    return Optional.of(new Drawn(PROVISIONED, chart.getTitle(), chart));
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
    addCounts(
        chart, colors, "429 quota exceeded", QUOTA, seconds, throttling, Second::limitExceeded);
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
    labelled(chart);
    List<String> kinds = List.of("miss (the function ran)", "hit (from the stage cache)");
    chart.addSeries("p50", kinds, List.of(cache.miss().p50Ms(), cache.hit().p50Ms()));
    chart.addSeries("p95", kinds, List.of(cache.miss().p95Ms(), cache.hit().p95Ms()));
    chart.addSeries("max", kinds, List.of(cache.miss().maxMs(), cache.hit().maxMs()));
    return Optional.of(new Drawn(API_CACHE, chart.getTitle(), chart));
  }

  /** The queue's backlog over time: waiting, in flight and processed messages. */
  static Optional<Drawn> sqsBacklog(LabResults.Sqs sqs) {
    if (sqs == null || sqs.backlog().size() < 2) {
      return Optional.empty();
    }
    XYChart chart = xy("SQS backlog (event source mapping samples)", "seconds", "messages");
    double[] x = sqs.backlog().stream().mapToDouble(Backlog::second).toArray();
    line(
        chart,
        "waiting (ApproximateNumberOfMessages)",
        x,
        sqs.backlog().stream().mapToDouble(Backlog::visible).toArray());
    line(
        chart,
        "in flight (NotVisible)",
        x,
        sqs.backlog().stream().mapToDouble(Backlog::inFlight).toArray());
    line(chart, "processed", x, sqs.backlog().stream().mapToDouble(Backlog::processed).toArray());
    return Optional.of(new Drawn(SQS_BACKLOG, chart.getTitle(), chart));
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
    return Optional.of(new Drawn(SQS_THROUGHPUT, chart.getTitle(), chart));
  }

  /**
   * The mapping's concurrent batches over time against what its scaling ramp allowed: Lambda starts
   * five and adds up to 300 a minute while messages wait (services-sqs-scaling), scaled here as the
   * run's settings say, so the ramp shows as a staircase up to the maximum.
   */
  static Optional<Drawn> sqsScaling(LabResults.Sqs sqs) {
    if (sqs == null || sqs.backlog().size() < 2) {
      return Optional.empty();
    }
    XYChart chart =
        xy("SQS scaling: concurrent batches against the scaling ramp", "seconds", "batches");
    double[] x = sqs.backlog().stream().mapToDouble(Backlog::second).toArray();
    line(
            chart,
            "concurrent batches (pollers)",
            x,
            sqs.backlog().stream().mapToDouble(Backlog::pollers).toArray())
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    XYSeries allowed =
        line(
            chart,
            "allowed by the ramp (at most MaximumConcurrency)",
            x,
            sqs.backlog().stream().mapToDouble(Backlog::allowedConcurrency).toArray());
    allowed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    allowed.setLineStyle(SeriesLines.DASH_DASH);
    chart.getStyler().setYAxisMin(0.0);
    return Optional.of(new Drawn(SQS_SCALING, chart.getTitle(), chart));
  }

  /** The end-to-end latency of processed messages, as a histogram. */
  static Optional<Drawn> sqsLatency(LabResults.Sqs sqs) {
    if (sqs == null || sqs.endToEndHistogram().isEmpty()) {
      return Optional.empty();
    }
    CategoryChart chart =
        category("SQS end-to-end latency (sent to deleted)", "milliseconds", "messages");
    List<String> labels =
        sqs.endToEndHistogram().stream()
            .map(b -> String.format(Locale.ROOT, "%.0f", b.fromMs()))
            .toList();
    chart.addSeries(
        "messages", labels, sqs.endToEndHistogram().stream().map(Bucket::count).toList());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(45);
    return Optional.of(new Drawn(SQS_LATENCY, chart.getTitle(), chart));
  }

  /** Logarithmic axes cannot draw 0: the smallest value shown is 0.01 ms. */
  private static List<Double> positive(Stream<Double> values) {
    return values.map(v -> Math.max(0.01, v)).toList();
  }

  /** Values written on the bars: a cold start dwarfs the warm bars beside it. */
  private static void labelled(CategoryChart chart) {
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsPosition(1);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(Color.BLACK);
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
  }

  private static CategoryChart category(String title, String xTitle, String yTitle) {
    return styled(new CategoryChart(WIDTH, HEIGHT), title, xTitle, yTitle);
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    return styled(new XYChart(WIDTH, HEIGHT), title, xTitle, yTitle);
  }

  /** {@code chart} with its titles and the report's colours and style. */
  private static <C extends Chart<? extends AxesChartStyler, ?>> C styled(
      C chart, String title, String xTitle, String yTitle) {
    chart.setTitle(title);
    chart.setXAxisTitle(xTitle);
    chart.setYAxisTitle(yTitle);
    AxesChartStyler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xdddddd));
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAntiAlias(true);
    styler.setSeriesColors(COLORS);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return series;
  }
}
