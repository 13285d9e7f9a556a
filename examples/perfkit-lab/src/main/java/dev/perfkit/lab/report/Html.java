package dev.perfkit.lab.report;

import static dev.perfkit.lab.report.HtmlElements.esc;
import static dev.perfkit.lab.report.HtmlElements.figure;
import static dev.perfkit.lab.report.HtmlElements.latencyRow;
import static dev.perfkit.lab.report.HtmlElements.table;

import dev.perfkit.core.load.LoadReport;
import dev.perfkit.lab.report.LabResults.Operation;
import dev.perfkit.lab.tune.SizeResult;
import dev.perfkit.lab.tune.TuningReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report page: one self-contained HTML file beside its chart images. */
final class Html {

  /** A chart's image file beside the page, and its title. */
  record Figure(String file, String title) {}

  /** The charts drawn for the page; empty where there was no data or drawing failed. */
  static final class Figures {
    Optional<Figure> latency = Optional.empty();
    Optional<Figure> coldVsWarm = Optional.empty();
    Optional<Figure> provisioned = Optional.empty();
    Optional<Figure> lambdaThrottles = Optional.empty();
    Optional<Figure> apiCache = Optional.empty();
    Optional<Figure> apiThrottles = Optional.empty();
    Optional<Figure> memory = Optional.empty();
    Optional<Figure> sqsBacklog = Optional.empty();
    Optional<Figure> sqsThroughput = Optional.empty();
    Optional<Figure> sqsScaling = Optional.empty();
    Optional<Figure> sqsLatency = Optional.empty();
    final List<String> failed = new ArrayList<>();
  }

  private static final String STYLE =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
             max-width: 980px; color: #222; line-height: 1.45; padding: 0 1em; }
      h1 { margin-bottom: 0.2em; }
      h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
      .meta { color: #666; margin-top: 0; }
      .caveats { background: #fff7e0; border-left: 5px solid #e0a800; padding: 0.6em 1.2em; }
      .failures { background: #fde8e8; border-left: 5px solid #d62728; padding: 0.6em 1.2em; }
      table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
      th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left;
               vertical-align: top; }
      td.j { font-family: ui-monospace, monospace; font-size: 0.85em; overflow-wrap: anywhere; }
      th { background: #f2f2f2; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      img { max-width: 100%; border: 1px solid #eee; margin: 0.5em 0; }
      pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
      code { background: #f2f2f2; padding: 0 0.2em; }
      iframe.dashboard { width: 1260px; height: 880px; border: 1px solid #ccc; }
      """;

  private Html() {}

  static String page(LabResults r, Figures figures) {
    StringBuilder h = new StringBuilder(32_768);
    LabResults.Run run = r.run();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>perfkit lab report: ")
        .append(esc(run.username()))
        .append("</title>\n")
        .append("<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>Performance and Scaling lab, run on one machine</h1>\n")
        .append("<p class=\"meta\">username <code>")
        .append(esc(run.username()))
        .append("</code> &middot; started ")
        .append(esc(run.startedAt().toString()))
        .append(" &middot; ")
        .append(String.format(Locale.ROOT, "%.0f", run.wallTimeSeconds()))
        .append(" s on ")
        .append(run.processors())
        .append(" processors &middot; concurrency scale ")
        .append(run.scale())
        .append("</p>\n");

    caveats(h, run.processors());
    if (!run.failures().isEmpty() || !figures.failed.isEmpty()) {
      h.append("<div class=\"failures\"><h3>What did not run</h3><ul>\n");
      run.failures().forEach(f -> h.append("<li>").append(esc(f)).append("</li>\n"));
      figures.failed.forEach(
          f -> h.append("<li>chart not drawn: ").append(esc(f)).append("</li>\n"));
      h.append("</ul></div>\n");
    }
    h.append("<h2>Settings scaled for this machine</h2>\n<ul>\n");
    run.scaling().forEach(s -> h.append("<li>").append(esc(s)).append("</li>\n"));
    run.notes().forEach(s -> h.append("<li>").append(esc(s)).append("</li>\n"));
    h.append("</ul>\n");

    h.append("<h2>Summary</h2>\n");
    table(
        h,
        List.of("Task", "Measure", "Value"),
        Summary.rows(r).stream()
            .map(row -> List.of(row.task(), row.measure(), row.value()))
            .toList());
    figure(h, figures.latency, "Every test's p50, p95 and p99 on one logarithmic axis.");

    operations(h, r.operations());
    concurrency(h, r.concurrency(), figures);
    api(h, r.api(), figures);
    load(h, r.load(), figures);
    sqs(h, r.sqs(), figures);
    MonitoringSection.append(h, run.username(), r.monitoring());
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void caveats(StringBuilder h, int processors) {
    h.append("<div class=\"caveats\"><h3>Where these local results cannot stand for Lambda's</h3>")
        .append("<ul>\n")
        .append("<li><b>CPU does not scale with memory here.</b> On Lambda a function gets CPU in")
        .append(" proportion to its memory (a full vCPU at 1,769 MB); locally every execution")
        .append(" environment is a JVM on the same ")
        .append(processors)
        .append(" processors and only its heap follows the memory size. The 512 MB against")
        .append(" 2048 MB comparison therefore shows no speed-up from memory; only a run on AWS")
        .append(" (<code>perfkit-lab tune --region ...</code>) ranks memory sizes by speed.</li>\n")
        .append("<li><b>Everything shares ")
        .append(processors)
        .append(" processors.</b>")
        .append(" The execution environments, the load tester, the API stage, SQS, DynamoDB and")
        .append(" this runner compete for them: latency under concurrency measures this machine's")
        .append(" contention, not how Lambda scales out.</li>\n")
        .append("<li><b>A local cold start is a JVM starting on this machine</b> (process, JVM,")
        .append(" runtime interface client, handler initialisation), not a microVM with its code")
        .append(" downloaded: compare cold with warm and provisioned here, not with AWS figures.")
        .append("</li>\n")
        .append("<li><b>No network between the services:</b> API Gateway, Lambda, SQS and")
        .append(" DynamoDB talk over loopback, where AWS adds milliseconds per hop.</li>\n")
        .append(
            "<li><b>Stand-ins, not the services:</b> the API stage emulates API Gateway's cache")
        .append(" and token buckets (the <code>X-Cache</code> header is perfkit's), ElasticMQ")
        .append(" stands for SQS and dynalite for DynamoDB; their latencies are not AWS's.</li>\n")
        .append("<li><b>Settings were scaled</b> (below) so that one machine can run the lab:")
        .append(" counts of throttles and environments follow the scaled settings.</li>\n")
        .append("<li>Costs are estimates: published prices applied to local durations.</li>\n")
        .append("</ul></div>\n");
  }

  private static void operations(StringBuilder h, List<Operation> operations) {
    h.append("<h2>Task 1 and 4.1: each operation through the API stage</h2>\n")
        .append("<p>A <code>POST /prod/performance</code> with the usage plan's API key for each")
        .append(" operation, as the lab's curl commands.</p>\n");
    if (operations.isEmpty()) {
      h.append("<p>Not run.</p>\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Operation o : operations) {
      rows.add(
          List.of(
              o.operation(),
              o.request(),
              Integer.toString(o.status()),
              Summary.ms(o.latencyMs()),
              o.executionTimeMs() == null ? "" : Summary.ms(o.executionTimeMs()),
              o.coldStart() == null ? "" : o.coldStart().toString(),
              o.result()));
    }
    table(
        h,
        List.of(
            "Operation",
            "Body",
            "Status",
            "Round trip",
            "execution_time_ms",
            "cold_start",
            "Result"),
        rows);
  }

  private static void concurrency(
      StringBuilder h, LabResults.Concurrency concurrency, Figures figures) {
    h.append("<h2>Task 2: cold starts, provisioned concurrency, reserved concurrency</h2>\n");
    LabResults.ColdStarts cold = concurrency.coldStarts();
    if (cold != null) {
      h.append("<p>")
          .append(cold.rounds())
          .append(" rounds. Each round provisions the alias")
          .append(" <code>prod</code> afresh, forces a new <code>$LATEST</code> environment as on")
          .append(" AWS (UpdateFunctionConfiguration retires the idle ones) and times its first")
          .append(" invocation (a cold start) and the invocations after it (warm), then times the")
          .append(" first invocation of a provisioned environment, whose initialisation ran before")
          .append(" the call.</p>\n");
      table(
          h,
          List.of("Invocation", "Samples", "p50", "max", "Reported cold_start"),
          List.of(
              latencyRow(
                  "on-demand first (cold start)",
                  cold.onDemandFirst(),
                  cold.onDemandReportedCold() + " of " + cold.onDemandFirstMs().size()),
              latencyRow("warm", cold.warm(), ""),
              latencyRow(
                  "provisioned first",
                  cold.provisionedFirst(),
                  cold.provisionedReportedCold() + " of " + cold.provisionedFirstMs().size())));
      figure(h, figures.coldVsWarm, "");
      figure(h, figures.provisioned, "");
    }
    LabResults.Throttling throttling = concurrency.throttling();
    if (throttling != null) {
      h.append("<p>Reserved concurrency: ")
          .append(esc(throttling.offered()))
          .append(" against ")
          .append(esc(throttling.limit()))
          .append(": ")
          .append(throttling.succeeded())
          .append(" succeeded, ")
          .append(throttling.throttled())
          .append(" throttled with 429 <code>TooManyRequestsException</code>")
          .append(" (ReservedFunctionConcurrentInvocationLimitExceeded).</p>\n");
      figure(h, figures.lambdaThrottles, "");
    }
  }

  private static void api(StringBuilder h, LabResults.Api api, Figures figures) {
    h.append("<h2>Task 3: API stage cache and throttling</h2>\n");
    LabResults.ApiCache cache = api.cache();
    if (cache != null) {
      h.append("<p>Cached <code>GET /prod/performance?operation=cpu_intensive&amp;iterations=")
          .append("...</code> (API Gateway caches only GET unless a method enables it; the lab's")
          .append(" POST is never cached). ")
          .append(cache.misses())
          .append(" misses, ")
          .append(cache.hits())
          .append(" hits; a request with <code>Cache-Control: max-age=0")
          .append("</code> ")
          .append(cache.invalidatedMiss() ? "was" : "was <b>not</b>")
          .append(" answered by the function")
          .append(
              cache.invalidatedMiss()
                  ? "."
                  : ": as on"
                      + " API Gateway, whose methods require authorization for it by default, a caller"
                      + " not allowed <code>execute-api:InvalidateCache</code> (the lab's, with an API key"
                      + " only) has the header ignored, with a <code>Warning</code> header in the"
                      + " answer.")
          .append("</p>\n");
      table(
          h,
          List.of("Answer", "Samples", "p50", "max", ""),
          List.of(
              latencyRow("miss (the function ran)", cache.miss(), ""),
              latencyRow("hit (from the stage cache)", cache.hit(), "")));
      figure(h, figures.apiCache, "");
    }
    LabResults.Throttling throttling = api.throttling();
    if (throttling != null) {
      h.append("<p>Usage plan: ")
          .append(esc(throttling.limit()))
          .append("; driven with ")
          .append(esc(throttling.offered()))
          .append(": ")
          .append(throttling.succeeded())
          .append(" answered, ")
          .append(throttling.throttled())
          .append(" <code>429 {\"message\":\"Too Many Requests\"}</code>, ")
          .append(throttling.limitExceeded())
          .append(" <code>429 {\"message\":\"Limit Exceeded\"}</code>.</p>\n");
      figure(h, figures.apiThrottles, "");
    }
  }

  private static void load(StringBuilder h, LabResults.Load load, Figures figures) {
    h.append("<h2>Task 4.2: load test and memory sizes</h2>\n");
    LabResults.LoadTest test = load.test();
    if (test != null) {
      h.append("<p>The load tester function <code>")
          .append(esc(test.loadTester()))
          .append("</code> drove <code>")
          .append(esc(test.targetFunction()))
          .append("</code>: ")
          .append(test.totalRequests())
          .append(" requests, ")
          .append(test.concurrentRequests())
          .append(" at once, payload <code>")
          .append(esc(test.testPayload()))
          .append("</code>.</p>\n");
      loadTable(h, test.targetFunction(), test.results());
    }
    TuningReport memory = load.memory();
    if (memory != null) {
      h.append("<p>The lab's comparison of memory sizes, by <code>perfkit-lab tune</code>'s")
          .append(" engine: for each size UpdateFunctionConfiguration (waiting until applied),")
          .append(" then ")
          .append(memory.invocationsPerSize())
          .append(" invocations of <code>")
          .append(esc(memory.function()))
          .append("</code>, ")
          .append(memory.concurrency())
          .append(" at once; durations: ")
          .append(esc(memory.durationSource()))
          .append(".</p>\n");
      List<List<String>> rows = new ArrayList<>();
      for (SizeResult size : memory.sizes()) {
        rows.add(
            size.successful() == 0
                ? List.of(
                    size.memoryMb() + " MB",
                    "0 of " + size.invocations(),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    String.valueOf(size.firstError()))
                : List.of(
                    size.memoryMb() + " MB",
                    size.successful() + " of " + size.invocations(),
                    Summary.ms(size.p50Ms()),
                    Summary.ms(size.p95Ms()),
                    Summary.ms(size.p99Ms()),
                    size.coldStarts() == null ? "" : size.coldStarts().toString(),
                    Summary.ms(size.meanBilledMs()),
                    String.format(Locale.ROOT, "$%.2f", size.costPerMillionX86()),
                    String.format(Locale.ROOT, "$%.2f", size.costPerMillionArm64())));
      }
      table(
          h,
          List.of(
              "Memory",
              "Successful",
              "p50",
              "p95",
              "p99",
              "Cold starts",
              "Billed, mean",
              "Per 1M, x86_64",
              "Per 1M, arm64"),
          rows);
      h.append("<p>Cheapest ")
          .append(mb(memory.cheapestMb()))
          .append(", fastest ")
          .append(mb(memory.fastestMb()))
          .append(", balanced ")
          .append(mb(memory.balancedMb()))
          .append(".</p>\n<ul>\n");
      memory.notes().forEach(note -> h.append("<li>").append(esc(note)).append("</li>\n"));
      h.append("</ul>\n");
      figure(h, figures.memory, "");
    }
  }

  private static String mb(Integer memoryMb) {
    return memoryMb == null ? "none" : memoryMb + " MB";
  }

  private static void loadTable(StringBuilder h, String target, LoadReport report) {
    LoadReport.PerformanceMetrics m = report.performanceMetrics();
    List<String> row =
        List.of(
            target,
            Long.toString(report.totalRequests()),
            Long.toString(report.successfulRequests()),
            Long.toString(report.failedRequests()),
            Long.toString(report.throttledRequests()),
            String.format(Locale.ROOT, "%.1f", report.requestsPerSecond()),
            Summary.ms(m.avgExecutionTimeMs()),
            Summary.ms(m.p50ExecutionTimeMs()),
            Summary.ms(m.p95ExecutionTimeMs()),
            Summary.ms(m.p99ExecutionTimeMs()),
            Summary.ms(m.maxExecutionTimeMs()));
    table(
        h,
        List.of(
            "Target",
            "Total",
            "Successful",
            "Failed",
            "Throttled",
            "Requests/s",
            "avg",
            "p50",
            "p95",
            "p99",
            "max"),
        List.of(row));
  }

  private static void sqs(StringBuilder h, LabResults.Sqs sqs, Figures figures) {
    h.append("<h2>Task 5: SQS through the event source mapping</h2>\n");
    if (sqs == null) {
      h.append("<p>Not run.</p>\n");
      return;
    }
    h.append("<p>")
        .append(sqs.sent())
        .append(" messages sent with SendMessageBatch, ")
        .append(sqs.poison())
        .append(" of them poison (not JSON). The mapping (batch size 10,")
        .append(" 1 s batching window, ReportBatchItemFailures) invoked the SQS function; failed")
        .append(" items came back after the visibility timeout and moved to the dead-letter queue")
        .append(" after 3 receives.</p>\n");
    table(
        h,
        List.of(
            "Sent",
            "Processed",
            "Dead-lettered",
            "Redeliveries",
            "Sending",
            "Processing",
            "Until drained",
            "Throughput",
            "Most pollers",
            "End-to-end p50 / p95 / p99"),
        List.of(
            List.of(
                Long.toString(sqs.sent()),
                Long.toString(sqs.processed()),
                Long.toString(sqs.deadLettered()),
                Long.toString(sqs.redeliveries()),
                String.format(Locale.ROOT, "%.1f s", sqs.sendSeconds()),
                String.format(Locale.ROOT, "%.1f s", sqs.processingSeconds()),
                String.format(Locale.ROOT, "%.1f s", sqs.drainSeconds()),
                String.format(Locale.ROOT, "%.1f msg/s", sqs.messagesPerSecond()),
                Integer.toString(sqs.maxPollers()),
                Summary.percentiles(sqs.endToEnd()))));
    figure(h, figures.sqsBacklog, "");
    figure(h, figures.sqsThroughput, "");
    figure(
        h,
        figures.sqsScaling,
        "Lambda starts an SQS event source mapping with five concurrent"
            + " batches and adds up to 300 more a minute while messages wait, up to its maximum"
            + " concurrency (services-sqs-scaling); the local mapping follows the same ramp, scaled"
            + " like the other settings above.");
    figure(h, figures.sqsLatency, "Poison messages are not in it: they were never processed.");
  }
}
