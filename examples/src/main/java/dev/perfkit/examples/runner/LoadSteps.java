package dev.perfkit.examples.runner;

import dev.perfkit.core.load.LoadReport;
import dev.perfkit.examples.analysis.LambdaPrices;
import dev.perfkit.examples.lambda.FunctionConfig;
import dev.perfkit.examples.lambda.LocalLambda;
import dev.perfkit.examples.report.LabResults;
import dev.perfkit.examples.report.LabResults.Latency;
import dev.perfkit.examples.stack.LabStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Task 4.2: the load tester function against the alias, and at each memory size. */
final class LoadSteps {

  private static final String DEFAULT = "{\"operation\": \"default\"}";
  private static final String CPU =
      "{\"operation\": \"cpu_intensive\", \"iterations\": " + RunPlan.CPU_ITERATIONS + "}";

  private final Calls calls;
  private final Console console;
  private final RunPlan plan;
  private final String function;
  private final ReportLines reports;

  LoadSteps(Calls calls, Console console, RunPlan plan) {
    this.calls = calls;
    this.console = console;
    this.plan = plan;
    this.function = calls.lab().stack().performanceFunction().name();
    this.reports = new ReportLines(calls.lab().lambda().logDirectory(), function);
  }

  /** The lab's Step 4.2.1: the default operation at the alias. */
  LabResults.LoadTest loadTest() {
    LabResults.LoadTest test = run(function + ":" + LabStack.ALIAS, plan.loadConcurrency,
        plan.requests, DEFAULT, "load test");
    console.line(describe(test.results()));
    return test;
  }

  /**
   * The lab's Step 4.2.2: each memory size set with UpdateFunctionConfiguration, then
   * cpu_intensive through the load tester at {@code $LATEST}; the memory size is restored after.
   */
  List<LabResults.MemoryRun> memory() {
    LocalLambda lambda = calls.lab().lambda();
    FunctionConfig original = lambda.functionConfiguration(function);
    List<LabResults.MemoryRun> runs = new ArrayList<>();
    try {
      for (int memoryMb : RunPlan.MEMORY_SIZES) {
        lambda.updateFunctionConfiguration(original.toBuilder().memoryMb(memoryMb).build());
        LabResults.LoadTest test = run(function, plan.memoryConcurrency, plan.memoryRequests, CPU,
            memoryMb + " MB");
        List<ReportLines.Report> atSize =
            reports.read().stream().filter(r -> r.memoryMb() == memoryMb).toList();
        Latency billed = Latency.ofMillis(atSize.stream().map(ReportLines.Report::billedMs).toList());
        long cold = atSize.stream().filter(ReportLines.Report::initialized).count();
        double gbSeconds = billed.meanMs() / 1000 * memoryMb / 1024.0 * 1_000_000;
        double cost = LambdaPrices.X86_US_EAST_1.cost(gbSeconds, 1_000_000);
        runs.add(new LabResults.MemoryRun(memoryMb, test, billed, cold, cost));
        console.line(String.format(Locale.ROOT, "%5d MB: %s; billed mean %.1f ms, %d cold,"
            + " $%.2f per 1M invocations", memoryMb, describe(test.results()), billed.meanMs(),
            cold, cost));
      }
    } finally {
      lambda.updateFunctionConfiguration(original);
    }
    return runs;
  }

  private LabResults.LoadTest run(String target, int concurrency, int total, String payload,
      String label) {
    String request = Calls.JSON.createObjectNode()
        .put("concurrentRequests", concurrency)
        .put("totalRequests", total)
        .put("targetFunction", target)
        .set("testPayload", Calls.parse(payload))
        .toString();
    int baseline = reports.read().size();
    ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "perfkit-lab-run-progress");
      thread.setDaemon(true);
      return thread;
    });
    LoadReport report;
    try (ProgressBar bar = console.bar(label + " via " + calls.lab().stack().loadTester().name(),
        total)) {
      poll.scheduleWithFixedDelay(() -> bar.update(reports.read().size() - baseline), 250, 500,
          TimeUnit.MILLISECONDS);
      report = calls.loadTest(request);
      bar.update(report.totalRequests());
    } finally {
      poll.shutdownNow();
    }
    return new LabResults.LoadTest(calls.lab().stack().loadTester().name(), target, concurrency,
        total, payload, report);
  }

  private static String describe(LoadReport report) {
    LoadReport.PerformanceMetrics m = report.performanceMetrics();
    return String.format(Locale.ROOT,
        "%d of %d successful, %d throttled, %.1f requests/s, p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms", report.successfulRequests(), report.totalRequests(),
        report.throttledRequests(), report.requestsPerSecond(), m.p50ExecutionTimeMs(),
        m.p95ExecutionTimeMs(), m.p99ExecutionTimeMs());
  }
}
