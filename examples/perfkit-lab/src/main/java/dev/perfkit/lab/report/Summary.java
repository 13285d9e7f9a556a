package dev.perfkit.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.lab.tune.SizeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run's headline figures, one row per measure: the console's table and the page's. */
final class Summary {

  /** One row: the lab's task, what was measured, the figure. */
  record Row(String task, String measure, String value) {}

  private Summary() {}

  static List<Row> rows(LabResults results) {
    List<Row> rows = new ArrayList<>();
    operations(rows, results.operations());
    concurrency(rows, results.concurrency());
    api(rows, results.api());
    load(rows, results.load());
    sqs(rows, results.sqs());
    monitoring(rows, results.monitoring());
    return rows;
  }

  private static void operations(List<Row> rows, List<LabResults.Operation> operations) {
    long ok = operations.stream().filter(o -> o.status() == 200).count();
    if (!operations.isEmpty()) {
      rows.add(
          new Row(
              "1, 4.1",
              "operations through the API stage answered 200",
              ok + " of " + operations.size()));
    }
  }

  private static void concurrency(List<Row> rows, LabResults.Concurrency concurrency) {
    LabResults.ColdStarts cold = concurrency.coldStarts();
    if (cold != null) {
      rows.add(
          new Row(
              "2",
              "cold start, median (on-demand first invocation)",
              ms(cold.onDemandFirst().p50Ms())));
      rows.add(new Row("2", "warm invocation, median", ms(cold.warm().p50Ms())));
      rows.add(
          new Row(
              "2", "provisioned first invocation, median", ms(cold.provisionedFirst().p50Ms())));
    }
    LabResults.Throttling throttling = concurrency.throttling();
    if (throttling != null) {
      rows.add(
          new Row(
              "2",
              "Lambda throttles (429) at " + throttling.limit(),
              throttling.throttled() + " of " + total(throttling)));
    }
  }

  private static void api(List<Row> rows, LabResults.Api api) {
    LabResults.ApiCache cache = api.cache();
    if (cache != null) {
      rows.add(new Row("3", "API cache hits / misses", cache.hits() + " / " + cache.misses()));
      rows.add(
          new Row(
              "3",
              "API cache hit / miss, median",
              ms(cache.hit().p50Ms()) + " / " + ms(cache.miss().p50Ms())));
    }
    LabResults.Throttling throttling = api.throttling();
    if (throttling != null) {
      rows.add(
          new Row(
              "3",
              "API 429 Too Many Requests / Limit Exceeded",
              throttling.throttled()
                  + " / "
                  + throttling.limitExceeded()
                  + " of "
                  + total(throttling)));
    }
  }

  private static void load(List<Row> rows, LabResults.Load load) {
    if (load.test() != null) {
      LoadReport report = load.test().results();
      rows.add(
          new Row(
              "4.2",
              "load test: successful of total, requests/s",
              report.successfulRequests()
                  + " of "
                  + report.totalRequests()
                  + ", "
                  + String.format(Locale.ROOT, "%.1f", report.requestsPerSecond())));
      rows.add(new Row("4.2", "load test p50 / p95 / p99", percentiles(report)));
    }
    if (load.memory() != null) {
      for (SizeResult size : load.memory().sizes()) {
        rows.add(
            new Row(
                "4.2",
                "cpu_intensive at " + size.memoryMb() + " MB: p50 / p95 / p99, cost per 1M",
                size.successful() == 0
                    ? "no invocation succeeded: " + size.firstError()
                    : ms(size.p50Ms())
                        + " / "
                        + ms(size.p95Ms())
                        + " / "
                        + ms(size.p99Ms())
                        + String.format(Locale.ROOT, ", $%.2f", size.costPerMillionX86())));
      }
    }
  }

  private static void sqs(List<Row> rows, LabResults.Sqs sqs) {
    if (sqs != null) {
      rows.add(
          new Row(
              "5",
              "SQS sent / processed / dead-lettered",
              sqs.sent() + " / " + sqs.processed() + " / " + sqs.deadLettered()));
      rows.add(
          new Row(
              "5",
              "SQS throughput, end-to-end p50 / p99",
              String.format(Locale.ROOT, "%.1f msg/s, ", sqs.messagesPerSecond())
                  + ms(sqs.endToEnd().p50Ms())
                  + " / "
                  + ms(sqs.endToEnd().p99Ms())));
    }
  }

  private static void monitoring(List<Row> rows, LabResults.Monitoring monitoring) {
    if (monitoring.dashboardFile() != null) {
      rows.add(new Row("6", "dashboard body", monitoring.dashboardFile()));
    }
    if (monitoring.dashboardPage() != null) {
      rows.add(new Row("6", "dashboard drawn by the local CloudWatch", monitoring.dashboardPage()));
    }
    if (monitoring.analysis() != null) {
      monitoring
          .analysis()
          .path("functions")
          .forEach(
              function ->
                  rows.add(
                      new Row(
                          "7",
                          function.path("function_name").asText()
                              + ": invocations, cold starts, max concurrency, throttles",
                          function.path("invocations").asLong()
                              + ", "
                              + function.path("cold_starts").asLong()
                              + ", "
                              + orNa(function.path("max_concurrency"))
                              + ", "
                              + orNa(function.path("throttles")))));
    }
  }

  /** The rows as a text table with aligned columns. */
  static String table(List<Row> rows) {
    int task = "Task".length();
    int measure = "Measure".length();
    for (Row row : rows) {
      task = Math.max(task, row.task().length());
      measure = Math.max(measure, row.measure().length());
    }
    String format = "%-" + task + "s  %-" + measure + "s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, format, "Task", "Measure", "Value"));
    out.append(String.format(Locale.ROOT, format, "-".repeat(task), "-".repeat(measure), "-----"));
    rows.forEach(
        row ->
            out.append(String.format(Locale.ROOT, format, row.task(), row.measure(), row.value())));
    return out.toString();
  }

  /** A figure of the analysis' JSON, or n/a where its source could not tell it. */
  private static String orNa(JsonNode figure) {
    return figure.isNumber() ? String.format(Locale.ROOT, "%.0f", figure.asDouble()) : "n/a";
  }

  static String ms(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f ms" : "%.0f ms", value);
  }

  static String percentiles(LoadReport report) {
    LoadReport.PerformanceMetrics m = report.performanceMetrics();
    return ms(m.p50ExecutionTimeMs())
        + " / "
        + ms(m.p95ExecutionTimeMs())
        + " / "
        + ms(m.p99ExecutionTimeMs());
  }

  static String percentiles(Latency latency) {
    return ms(latency.p50Ms()) + " / " + ms(latency.p95Ms()) + " / " + ms(latency.p99Ms());
  }

  private static long total(LabResults.Throttling throttling) {
    return throttling.succeeded()
        + throttling.throttled()
        + throttling.limitExceeded()
        + throttling.failed();
  }
}
