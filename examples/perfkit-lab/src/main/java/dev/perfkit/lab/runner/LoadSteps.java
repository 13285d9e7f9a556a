package dev.perfkit.lab.runner;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.tune.MemoryTuner;
import dev.perfkit.lab.tune.SizeResult;
import dev.perfkit.lab.tune.TuningListener;
import dev.perfkit.lab.tune.TuningReport;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Task 4.2: the load tester function against the alias, and the memory sizes compared. */
final class LoadSteps {

  private static final String DEFAULT = "{\"operation\": \"default\"}";
  private static final String CPU =
      "{\"operation\": \"cpu_intensive\", \"iterations\": " + RunPlan.CPU_ITERATIONS + "}";

  private final RunContext run;
  private final String function;
  private final ReportLines reports;

  LoadSteps(RunContext run) {
    this.run = run;
    this.function = run.lab().stack().performanceFunction().name();
    this.reports = new ReportLines(run.lab().lambda().logDirectory(), function);
  }

  /** The lab's Step 4.2.1: the default operation at the alias. */
  LabResults.LoadTest loadTest() {
    LabResults.LoadTest test =
        drive(
            function + ":" + LabStack.ALIAS,
            run.plan().loadConcurrency,
            run.plan().requests,
            DEFAULT,
            "load test");
    run.console().line(describe(test.results()));
    return test;
  }

  /**
   * The lab's Step 4.2.2 by perfkit-lab tune's engine: each memory size set with
   * UpdateFunctionConfiguration (waiting until applied), then cpu_intensive invoked at {@code
   * $LATEST}, durations and cold starts from the REPORT lines; the memory size is restored after.
   */
  TuningReport memory() {
    TuningReport report;
    try (ClientRegistry clients =
        ClientRegistry.builder(localClients()).responseTimeout(Duration.ofMinutes(15)).build()) {
      report =
          MemoryTuner.builder(clients.client(LambdaClient.class), function)
              .memorySizes(RunPlan.MEMORY_SIZES)
              .payload(Calls.envelope(CPU))
              .invocations(run.plan().memoryRequests)
              .concurrency(run.plan().memoryConcurrency)
              .listener(new SizeBars())
              .build()
              .run();
    }
    for (SizeResult size : report.sizes()) {
      run.console()
          .line(
              size.successful() == 0
                  ? size.memoryMb() + " MB: no invocation succeeded: " + size.firstError()
                  : String.format(
                      Locale.ROOT,
                      "%5d MB: %d of %d successful, p50 %.1f ms, p95 %.1f ms,"
                          + " p99 %.1f ms, %s cold starts, billed mean %.1f ms, $%.2f per 1M (x86_64)",
                      size.memoryMb(),
                      size.successful(),
                      size.invocations(),
                      size.p50Ms(),
                      size.p95Ms(),
                      size.p99Ms(),
                      size.coldStarts(),
                      size.meanBilledMs(),
                      size.costPerMillionX86()));
    }
    return report;
  }

  /** The SDK clients' view of the local lab: its Lambda endpoint, placeholder credentials. */
  private Environment localClients() {
    return Environment.of(
        Map.of(
            "AWS_REGION", "us-east-1",
            "AWS_ENDPOINT_URL_LAMBDA", run.lab().lambda().endpoint().toString(),
            "AWS_ACCESS_KEY_ID", "perfkit-local",
            "AWS_SECRET_ACCESS_KEY", "perfkit-local"));
  }

  /** A progress bar per memory size. */
  private final class SizeBars implements TuningListener {
    private ProgressBar bar;

    @Override
    public synchronized void sizeStarted(int memoryMb, int index, int sizes) {
      bar =
          run.console()
              .bar(memoryMb + " MB (" + index + " of " + sizes + ")", run.plan().memoryRequests);
    }

    @Override
    public synchronized void progress(int memoryMb, long completed, long total) {
      if (bar != null) {
        bar.update(completed);
      }
    }

    @Override
    public synchronized void sizeFinished(SizeResult result) {
      if (bar != null) {
        bar.close();
      }
    }
  }

  private LabResults.LoadTest drive(
      String target, int concurrency, int total, String payload, String label) {
    String request =
        Calls.JSON
            .createObjectNode()
            .put("concurrentRequests", concurrency)
            .put("totalRequests", total)
            .put("targetFunction", target)
            .set("testPayload", Calls.parse(payload))
            .toString();
    int baseline = reports.count();
    ScheduledExecutorService poll =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreadFactory.named("perfkit-lab-run-progress"));
    LoadReport report;
    String loadTester = run.lab().stack().loadTester().name();
    try (ProgressBar bar = run.console().bar(label + " via " + loadTester, total)) {
      var unused =
          poll.scheduleWithFixedDelay(
              () -> bar.update(reports.count() - baseline), 250, 500, TimeUnit.MILLISECONDS);
      report = run.calls().loadTest(request);
      bar.update(report.totalRequests());
    } finally {
      poll.shutdownNow();
    }
    return new LabResults.LoadTest(loadTester, target, concurrency, total, payload, report);
  }

  private static String describe(LoadReport report) {
    LoadReport.PerformanceMetrics m = report.performanceMetrics();
    return String.format(
        Locale.ROOT,
        "%d of %d successful, %d throttled, %.1f requests/s, p50 %.1f ms, p95 %.1f ms,"
            + " p99 %.1f ms",
        report.successfulRequests(),
        report.totalRequests(),
        report.throttledRequests(),
        report.requestsPerSecond(),
        m.p50ExecutionTimeMs(),
        m.p95ExecutionTimeMs(),
        m.p99ExecutionTimeMs());
  }
}
