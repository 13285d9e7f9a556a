package dev.perfkit.lab.cli;

import dev.perfkit.lab.analysis.CloudWatchMetrics;
import dev.perfkit.lab.analysis.LambdaLogs;
import dev.perfkit.lab.analysis.LambdaPrices;
import dev.perfkit.lab.analysis.PerformanceReport;
import dev.perfkit.lab.stack.LabStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/** {@code perfkit-lab analyze}: the lab's performance report, from CloudWatch or from logs. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Report the performance function and the SQS function: average, max and min duration, "
          + "p95 and p99, max concurrency, errors, throttles, cold starts, GB-seconds and an "
          + "estimated cost.",
      "From CloudWatch (GetMetricData, with the AWS SDK's usual credentials), or with --logs "
          + "from Lambda logs: the local lab's output or a CloudWatch Logs export, one file or "
          + "directory per function, named after it."
    })
final class AnalyzeCommand implements Callable<Integer> {

  private static final Pattern SINCE = Pattern.compile("(\\d+)([smhd])");

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Mixin RegionOption region;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      defaultValue = "1h",
      description =
          "How far back to ask CloudWatch: a number and s, m, h or d "
              + "(default: ${DEFAULT-VALUE}).")
  String since;

  @Option(
      names = "--logs",
      paramLabel = "PATH",
      arity = "1..*",
      description = "Read these log files or directories instead of CloudWatch.")
  List<Path> logs;

  @Mixin OutputOption format;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "CloudWatch endpoint to use instead of AWS's (a stand-in or a proxy).")
  URI endpoint;

  @Override
  public Integer call() {
    boolean json = format.json();
    LabStack stack = LabStack.builder(user.username).build();
    PerformanceReport report;
    if (logs != null) {
      report = new LambdaLogs(LambdaPrices.X86_US_EAST_1).report(stack, logs);
    } else {
      Duration window = parseSince(since);
      CloudWatchClientBuilder builder =
          CloudWatchClient.builder().region(Region.of(region.region()));
      if (endpoint != null) {
        builder.endpointOverride(endpoint);
      }
      try (CloudWatchClient cloudWatch = builder.build()) {
        report =
            new CloudWatchMetrics(cloudWatch, LambdaPrices.X86_US_EAST_1)
                .report(stack, Instant.now(), window);
      } catch (SdkException | IllegalStateException e) {
        spec.commandLine()
            .getErr()
            .println(
                "perfkit-lab analyze: reading CloudWatch in "
                    + region.region()
                    + " failed: "
                    + e.getMessage());
        return 1;
      }
    }
    CommandLine commandLine = spec.commandLine();
    commandLine.getOut().print(json ? report.toJson() + "\n" : report.toTable());
    commandLine.getOut().flush();
    return 0;
  }

  static Duration parseSince(String value) {
    Matcher matcher = SINCE.matcher(value.toLowerCase(Locale.ROOT));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new IllegalArgumentException(
          "--since '" + value + "': a positive number and s, m, h or d, e.g. 30m or 1h");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
