package dev.perfkit.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perfkit.lab.tune.TuningChart;
import dev.perfkit.lab.tune.TuningReport;
import java.awt.AWTError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;

/**
 * Writes a run's report into a directory: {@code index.html} with the tables, the notes and the
 * charts (PNG files beside it, drawn with XChart), and {@code results.json}, the same figures for
 * programs.
 *
 * <pre>{@code
 * Path index = LabReport.write(results, Path.of("perfkit-report"));
 * }</pre>
 */
public final class LabReport {

  /** The page's file name. */
  public static final String INDEX = "index.html";

  /** The figures' file name. */
  public static final String RESULTS = "results.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LabReport() {}

  /**
   * Writes the report of {@code results} into {@code directory} (created if missing) and returns
   * the path of its {@code index.html}. A chart that cannot be drawn (no fonts on a headless
   * machine, say) is named on the page instead.
   *
   * @param results what the run measured
   * @param directory the report's directory
   * @return the {@code index.html} written
   * @throws IOException when a file cannot be written
   */
  public static Path write(LabResults results, Path directory) throws IOException {
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(directory, "directory");
    Files.createDirectories(directory);
    // A chart of an earlier run must not stand beside this run's page.
    for (String chart : Charts.FILES) {
      Files.deleteIfExists(directory.resolve(chart));
    }
    Files.writeString(directory.resolve(RESULTS), toJson(results) + "\n");
    Html.Figures figures = new Html.Figures();
    LabResults.Concurrency concurrency = results.concurrency();
    figures.latency = draw(directory, Charts.latencyPercentiles(results), figures);
    figures.coldVsWarm = draw(directory, Charts.coldVsWarm(concurrency.coldStarts()), figures);
    figures.provisioned =
        draw(directory, Charts.provisionedVsOnDemand(concurrency.coldStarts()), figures);
    figures.lambdaThrottles =
        draw(
            directory,
            Charts.throttles(
                Charts.LAMBDA_THROTTLES,
                "Lambda throttles per second (reserved concurrency)",
                concurrency.throttling()),
            figures);
    figures.apiCache = draw(directory, Charts.apiCache(results.api().cache()), figures);
    figures.apiThrottles =
        draw(
            directory,
            Charts.throttles(
                Charts.API_THROTTLES,
                "API stage answers per second (usage plan throttle and quota)",
                results.api().throttling()),
            figures);
    figures.memory = tuningChart(directory, results.load().memory(), figures);
    figures.sqsBacklog = draw(directory, Charts.sqsBacklog(results.sqs()), figures);
    figures.sqsThroughput = draw(directory, Charts.sqsThroughput(results.sqs()), figures);
    figures.sqsScaling = draw(directory, Charts.sqsScaling(results.sqs()), figures);
    figures.sqsLatency = draw(directory, Charts.sqsLatency(results.sqs()), figures);
    Path index = directory.resolve(INDEX);
    Files.writeString(index, Html.page(results, figures));
    return index;
  }

  /**
   * The run's headline figures as a text table: task, measure, value.
   *
   * @param results what the run measured
   * @return the table, one line per row
   */
  public static String summaryTable(LabResults results) {
    return Summary.table(Summary.rows(Objects.requireNonNull(results, "results")));
  }

  /**
   * The results as {@code results.json} holds them.
   *
   * @param results what the run measured
   * @return the JSON text
   */
  public static String toJson(LabResults results) {
    Objects.requireNonNull(results, "results");
    try {
      return JSON.writeValueAsString(results);
    } catch (IOException e) {
      throw new IllegalStateException("results cannot be written as JSON", e);
    }
  }

  private static Optional<Html.Figure> draw(
      Path directory, Optional<Charts.Drawn> chart, Html.Figures figures) throws IOException {
    if (chart.isEmpty()) {
      return Optional.empty();
    }
    Charts.Drawn drawn = chart.get();
    byte[] png;
    try {
      png = BitmapEncoder.getBitmapBytes(drawn.chart(), BitmapEncoder.BitmapFormat.PNG);
    } catch (RuntimeException | LinkageError | AWTError e) {
      figures.failed.add(drawn.file() + " (" + drawn.title() + "): " + e);
      return Optional.empty();
    }
    Files.write(directory.resolve(drawn.file()), png);
    return Optional.of(new Html.Figure(drawn.file(), drawn.title()));
  }

  /** perfkit-lab tune's chart of the memory sizes: durations and cost side by side. */
  private static Optional<Html.Figure> tuningChart(
      Path directory, TuningReport memory, Html.Figures figures) throws IOException {
    if (memory == null) {
      return Optional.empty();
    }
    String title = "Duration and cost per memory size";
    try {
      return TuningChart.writePng(memory, directory.resolve(Charts.MEMORY))
          .map(file -> new Html.Figure(Charts.MEMORY, title));
    } catch (RuntimeException | LinkageError | AWTError e) {
      figures.failed.add(Charts.MEMORY + " (" + title + "): " + e);
      return Optional.empty();
    }
  }
}
