package dev.perfkit.lab.runner;

import dev.perfkit.lab.analysis.CloudWatchMetrics;
import dev.perfkit.lab.analysis.LambdaLogs;
import dev.perfkit.lab.analysis.LambdaPrices;
import dev.perfkit.lab.analysis.PerformanceReport;
import dev.perfkit.lab.deploy.DashboardBody;
import dev.perfkit.lab.local.LocalCloudWatchClient;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Tasks 6 and 7, once the lab stopped, against the local CloudWatch it fed: the dashboard put with
 * PutDashboard and drawn by the local CloudWatch, and the analysis through GetMetricData, beside
 * the one from the functions' logs.
 */
final class MonitoringSteps {

  /** The dashboard body's file in the report directory. */
  static final String DASHBOARD_FILE = "dashboard.json";

  /** The dashboard's page, as the local CloudWatch drew it, in the report directory. */
  static final String DASHBOARD_PAGE = "dashboard.html";

  /** The local CloudWatch's store exported as JSON, in the report directory. */
  static final String METRICS_FILE = "cloudwatch.json";

  private static final String REGION = "us-east-1";

  private final Console console;
  private final RunPlan plan;
  private final LocalCloudWatch cloudWatch;
  private final HttpClient http;
  private final Steps steps;

  MonitoringSteps(
      Console console, RunPlan plan, LocalCloudWatch cloudWatch, HttpClient http, Steps steps) {
    this.console = console;
    this.plan = plan;
    this.cloudWatch = cloudWatch;
    this.http = http;
    this.steps = steps;
  }

  /**
   * Task 6, the dashboard in the local CloudWatch and drawn by it, and Task 7, the analysis through
   * GetMetricData with the figures the functions' logs in {@code logs} tell otherwise, over the
   * run's {@code from} to {@code to}; a failed step leaves its figures null.
   */
  LabResults.Monitoring tasks6And7(Path out, Path logs, Instant from, Instant to)
      throws InterruptedException {
    console.task("Task 6: the dashboard, put into the local CloudWatch");
    Boolean dashboard =
        steps.run(
            "Task 6 dashboard",
            () -> {
              dashboard(out, from, to);
              return true;
            });
    console.task(
        "Task 7: analysis through GetMetricData (perfkit-lab analyze --endpoint-url "
            + cloudWatch.endpoint()
            + ")");
    PerformanceReport analysis = steps.run("Task 7 analysis", () -> metricsAnalysis(from, to));
    List<String> differences =
        analysis == null
            ? null
            : steps.run("Task 7 analysis of the logs", () -> logDifferences(logs, analysis));
    return new LabResults.Monitoring(
        dashboard == null ? null : DASHBOARD_FILE,
        dashboard == null ? null : DASHBOARD_PAGE,
        dashboard == null ? null : METRICS_FILE,
        analysis == null ? null : Calls.parse(analysis.toJson()),
        analysis == null ? null : analysis.toTable(),
        differences);
  }

  /**
   * Task 6: writes the lab's dashboard body into {@code out}, puts it into the local CloudWatch
   * with PutDashboard and saves its page over the run's {@code from} to {@code to}.
   */
  void dashboard(Path out, Instant from, Instant to) throws IOException, InterruptedException {
    String body = DashboardBody.render(plan.labStack, REGION);
    Path file = out.resolve(DASHBOARD_FILE);
    Files.writeString(file, body + System.lineSeparator());
    console.line(
        "wrote "
            + file
            + " (on AWS: aws cloudwatch put-dashboard --dashboard-name "
            + plan.labStack.dashboardName()
            + " --dashboard-body file://"
            + file
            + ")");
    String name = plan.labStack.dashboardName();
    try (CloudWatchClient client = LocalCloudWatchClient.of(cloudWatch)) {
      client.putDashboard(request -> request.dashboardName(name).dashboardBody(body));
    }
    URI page =
        URI.create(
            cloudWatch.dashboardPage(name)
                + "?start="
                + from.truncatedTo(ChronoUnit.MINUTES)
                + "&end="
                + to.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    HttpResponse<String> drawn =
        http.send(
            HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (drawn.statusCode() != 200) {
      throw new IOException(
          "the local CloudWatch answered "
              + drawn.statusCode()
              + " for the page of "
              + name
              + ": "
              + drawn.body());
    }
    Files.writeString(out.resolve(DASHBOARD_PAGE), drawn.body());
    console.line(
        "put "
            + name
            + " into the local CloudWatch (PutDashboard); its page "
            + page
            + " saved as "
            + out.resolve(DASHBOARD_PAGE));
    try (OutputStream metrics = Files.newOutputStream(out.resolve(METRICS_FILE))) {
      cloudWatch.exportJson(metrics);
    }
    console.line(
        "wrote "
            + out.resolve(METRICS_FILE)
            + " (every metric the local CloudWatch"
            + " holds, with its datapoints)");
  }

  /**
   * Task 7: the analysis through GetMetricData over the run's {@code from} to {@code to}, as {@code
   * analyze --endpoint-url} prints it.
   */
  PerformanceReport metricsAnalysis(Instant from, Instant to) {
    // The report asks whole minutes, up to the one after to's: these begin with from's minute.
    Duration window =
        Duration.between(
            from.truncatedTo(ChronoUnit.MINUTES),
            to.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    PerformanceReport analysis;
    try (CloudWatchClient client = LocalCloudWatchClient.of(cloudWatch)) {
      analysis =
          new CloudWatchMetrics(client, LambdaPrices.X86_US_EAST_1).report(plan.stack, to, window);
    }
    console.print(analysis.toTable().indent(2));
    return analysis;
  }

  /**
   * Task 7 from the functions' logs in {@code logs}, as {@code analyze --logs} prints it: the
   * figures where it tells otherwise than {@code metrics}.
   */
  List<String> logDifferences(Path logs, PerformanceReport metrics) {
    PerformanceReport fromLogs =
        new LambdaLogs(LambdaPrices.X86_US_EAST_1).report(plan.stack, List.of(logs));
    List<String> differences = metrics.differences(fromLogs, "in CloudWatch", "in the logs");
    if (differences.isEmpty()) {
      console.line("the functions' logs (perfkit-lab analyze --logs " + logs + ") tell the same");
    } else {
      console.line(
          "where the functions' logs (perfkit-lab analyze --logs " + logs + ") tell otherwise:");
      differences.forEach(difference -> console.line("  " + difference));
    }
    return differences;
  }
}
