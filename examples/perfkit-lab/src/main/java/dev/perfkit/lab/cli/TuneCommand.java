package dev.perfkit.lab.cli;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.lab.tune.MemoryTuner;
import dev.perfkit.lab.tune.SizeResult;
import dev.perfkit.lab.tune.TuningChart;
import dev.perfkit.lab.tune.TuningListener;
import dev.perfkit.lab.tune.TuningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@code perfkit-lab tune}: the memory-size trade-off of a function, the lab's Task 4.2. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Set each memory size with UpdateFunctionConfiguration (waiting until it is applied), "
          + "invoke the function, and report per size p50/p95/p99 duration, cold starts and the "
          + "cost per 1M invocations at x86_64 and arm64 prices, with the cheapest, the fastest "
          + "and a balanced size; as a table or JSON, and a chart (PNG) in --out. The function "
          + "gets its memory size back at the end.",
      "Against the local Lambda (--endpoint-url, or AWS_ENDPOINT_URL_LAMBDA) or AWS "
          + "(--region, with the AWS SDK's usual credentials). Locally CPU does not scale with "
          + "memory: only AWS runs rank sizes by speed."
    })
final class TuneCommand implements Callable<Integer> {

  static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";
  private static final int BAR_WIDTH = 30;

  @Spec CommandSpec spec;

  @Option(
      names = "--function",
      required = true,
      paramLabel = "NAME",
      description = "The function to tune: name or ARN.")
  String function;

  @Option(
      names = "--memory",
      required = true,
      paramLabel = "MB[,MB...]",
      description = "Memory sizes to measure, in MB, 128 to 10240, e.g. 512,1024,2048.")
  String memory;

  @Option(
      names = "--payload",
      paramLabel = "JSON",
      defaultValue = "{}",
      description =
          "The event each invocation sends (default: ${DEFAULT-VALUE}); with "
              + "--load-tester, the test's testPayload, a JSON object the load tester sends as "
              + "{\"body\": json}.")
  String payload;

  @Option(
      names = "--invocations",
      paramLabel = "N",
      defaultValue = "20",
      description = "Invocations per size (default: ${DEFAULT-VALUE}).")
  long invocations;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "1",
      description = "Invocations in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Mixin ServiceEndpoint lambdaEndpoint;

  @Option(
      names = "--load-tester",
      paramLabel = "NAME",
      description =
          "Drive the function through this LoadTester function instead of invoking "
              + "it directly (durations are then the load tester's round trips).")
  String loadTester;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "perfkit-report",
      description = "Where the chart goes, tune-NAME.png (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin OutputOption format;

  @Override
  public Integer call() {
    boolean json = format.json();
    List<Integer> sizes = parseMemory(memory);
    Environment clientEnvironment = lambdaEndpoint.clients(ENDPOINT_VARIABLE);
    PrintWriter err = spec.commandLine().getErr();
    try (ClientRegistry clients =
        ClientRegistry.builder(clientEnvironment)
            .responseTimeout(Duration.ofMinutes(16))
            .sdkMaxConnections(Math.max(50, concurrency))
            .build()) {
      LambdaClient lambda = clients.client(LambdaClient.class);
      MemoryTuner.Builder tuner =
          MemoryTuner.builder(lambda, function).listener(new ProgressBar(err));
      option("--memory", () -> tuner.memorySizes(sizes));
      option("--payload", () -> tuner.payload(payload));
      option("--invocations", () -> tuner.invocations(invocations));
      option("--concurrency", () -> tuner.concurrency(concurrency));
      if (loadTester != null) {
        option("--load-tester", () -> tuner.loadTester(loadTester));
      }
      MemoryTuner built = option("--payload", tuner::build);
      TuningReport report;
      try {
        report = built.run();
      } catch (SdkException | IllegalStateException e) {
        err.println("perfkit-lab tune: tuning " + function + " failed: " + e.getMessage());
        return 1;
      }
      return print(report, json);
    }
  }

  private int print(TuningReport report, boolean json) {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path chartFile = out.resolve("tune-" + function.replaceAll("[^A-Za-z0-9_-]", "_") + ".png");
    Optional<Path> chart;
    try {
      chart = TuningChart.writePng(report, chartFile);
    } catch (IOException e) {
      err.println("perfkit-lab tune: cannot write the chart " + chartFile + ": " + e);
      return 1;
    }
    String chartLine =
        chart
            .map(file -> "Chart: " + file)
            .orElse("No chart: no size had a successful invocation.");
    if (json) {
      stdout.println(report.toJson());
      err.println(chartLine);
    } else {
      stdout.print(report.toTable());
      stdout.println(chartLine);
    }
    stdout.flush();
    List<Integer> unmeasured =
        report.sizes().stream()
            .filter(size -> size.successful() == 0)
            .map(SizeResult::memoryMb)
            .toList();
    if (!unmeasured.isEmpty()) {
      err.println("perfkit-lab tune: no successful invocation at " + unmeasured + " MB");
      return 1;
    }
    return 0;
  }

  /** Sizes from "512,1024,2048"; their range is the tuner's to check. */
  static List<Integer> parseMemory(String value) {
    List<Integer> sizes = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String size = part.trim();
      if (size.isEmpty()) {
        continue;
      }
      try {
        sizes.add(Integer.parseInt(size));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--memory '"
                + value
                + "': '"
                + size
                + "' is not a whole number of MB; give sizes such as 512,1024,2048");
      }
    }
    if (sizes.isEmpty()) {
      throw new IllegalArgumentException(
          "--memory '"
              + value
              + "': give one or more memory"
              + " sizes in MB, 128 to 10240, comma-separated, e.g. 512,1024,2048");
    }
    return sizes;
  }

  /** Runs a setter of the tuner; its message about bad input names the option. */
  private static <T> T option(String name, Supplier<T> setter) {
    try {
      return setter.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** One progress line per size on standard error, redrawn in place. */
  private static final class ProgressBar implements TuningListener {
    private final PrintWriter err;
    private String label = "";
    private String bar = "";

    ProgressBar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void sizeStarted(int memoryMb, int index, int sizes) {
      label = String.format(Locale.ROOT, "[%d/%d] %5d MB", index, sizes, memoryMb);
      bar = "";
      err.print(label + " updating...");
      err.flush();
    }

    @Override
    public synchronized void progress(int memoryMb, long completed, long total) {
      int filled = total == 0 ? 0 : (int) (BAR_WIDTH * completed / total);
      bar =
          "["
              + "#".repeat(filled)
              + "-".repeat(BAR_WIDTH - filled)
              + "] "
              + completed
              + "/"
              + total;
      err.print("\r" + label + " " + bar);
      err.flush();
    }

    @Override
    public synchronized void sizeFinished(SizeResult result) {
      String figures =
          result.successful() == 0
              ? "no successful invocation"
              : String.format(Locale.ROOT, "p95 %.2f ms", result.p95Ms())
                  + (result.coldStarts() == null ? "" : ", cold starts " + result.coldStarts());
      err.println("\r" + label + " " + bar + " " + figures);
      err.flush();
    }
  }
}
