package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.lab.analysis.FakeCloudWatch;
import dev.perfkit.local.cloudwatch.LambdaInvocation;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  private static final String REPORT_LINE =
      "REPORT RequestId: a\tDuration: 12.50 ms\t"
          + "Billed Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 90 MB\t";

  @Test
  void analyze_logs_printsTheReportAsATable(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("user3-performance-function.log"), List.of(REPORT_LINE));

    CliRun run = CliRun.of("analyze", "--username", "user3", "--logs", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "Performance Analysis Report",
            "Source: logs [" + dir + "]",
            "Function: user3-performance-function (1024 MB)",
            "Average Duration: 12.50 ms");
  }

  @Test
  void analyze_logsAsJson_givesTheFiguresByField(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("user3-performance-function.log"), List.of(REPORT_LINE));

    CliRun run =
        CliRun.of("analyze", "--username", "user3", "--logs", dir.toString(), "--output", "json");
    JsonNode performance = new ObjectMapper().readTree(run.out()).at("/functions/0");

    assertThat(performance.path("function_name").asText()).isEqualTo("user3-performance-function");
    assertThat(performance.path("invocations").asLong()).isEqualTo(1);
    assertThat(performance.path("avg_duration_ms").asDouble()).isEqualTo(12.5);
    assertThat(performance.path("throttles").isNull()).isTrue();
  }

  @Test
  void analyze_cloudWatch_asksTheEndpointForTheUsersFunctions() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, "Complete"))) {
      CliRun run =
          withCredentials(
              () ->
                  CliRun.of(
                      "analyze",
                      "--username",
                      "user3",
                      "--since",
                      "30m",
                      "--endpoint-url",
                      fake.endpoint().toString()));

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains(
              "Source: CloudWatch us-east-1",
              "(30 min)",
              "Function: user3-performance-function",
              "Function: user3-sqs-scaler");
      assertThat(fake.requests().get(0).body().path("MetricDataQueries").findValuesAsText("Period"))
          .containsOnly("1800");
    }
  }

  @Test
  void analyze_localCloudWatch_printsTheMaxConcurrencyAndThrottlesItWasFed() throws Exception {
    String function = "user3-performance-function";
    Instant now = Instant.now();
    try (LocalCloudWatch cloudWatch = LocalCloudWatch.builder().build()) {
      for (int concurrent = 1; concurrent <= 3; concurrent++) {
        cloudWatch.lambda().concurrency(function, Optional.of("prod"), concurrent, now);
        cloudWatch
            .lambda()
            .invocation(
                new LambdaInvocation(
                    function,
                    Optional.of("prod"),
                    "1",
                    now,
                    Duration.ofMillis(20),
                    false,
                    LambdaInvocation.Capacity.STANDARD));
      }
      cloudWatch.lambda().throttle(function, Optional.of("prod"), now);
      cloudWatch.lambda().throttle(function, Optional.of("prod"), now);

      CliRun run =
          withCredentials(
              () ->
                  CliRun.of(
                      "analyze",
                      "--username",
                      "user3",
                      "--endpoint-url",
                      cloudWatch.endpoint().toString()));

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out())
          .contains(
              "Function: " + function,
              "Invocations:      3",
              "Average Duration: 20.00 ms",
              "Max Concurrency:  3",
              "Throttles:        2");
    }
  }

  @Test
  void analyze_cloudWatchAnswersWithAnError_reportsItWithExitCodeOne() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, "Forbidden"))) {
      CliRun run =
          withCredentials(
              () ->
                  CliRun.of(
                      "analyze",
                      "--username",
                      "user3",
                      "--endpoint-url",
                      fake.endpoint().toString()));

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("reading CloudWatch in us-east-1 failed:", "with status Forbidden");
    }
  }

  private static FakeCloudWatch.Answer answer(JsonNode request, String status) {
    List<FakeCloudWatch.Result> results = new ArrayList<>();
    request
        .path("MetricDataQueries")
        .forEach(
            query ->
                results.add(
                    new FakeCloudWatch.Result(query.path("Id").asText(), status, Map.of())));
    return new FakeCloudWatch.Answer(results, null);
  }

  /** Runs with the SDK's system-property credentials set, as a user's environment would. */
  private static CliRun withCredentials(Supplier<CliRun> run) {
    String[] keys = {"aws.accessKeyId", "aws.secretAccessKey"};
    String[] saved = {System.getProperty(keys[0]), System.getProperty(keys[1])};
    System.setProperty(keys[0], "AKIDEXAMPLE");
    System.setProperty(keys[1], "secret");
    try {
      return run.get();
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  @Test
  void analyze_malformedSince_saysWhatItTakes() {
    String err = CliRun.refused("analyze", "--since", "an hour");

    assertThat(err)
        .contains("--since 'an hour': a positive number and s, m, h or d, e.g. 30m or 1h");
  }

  @Test
  void analyze_unknownOutput_isRejected(@TempDir Path dir) {
    String err = CliRun.refused("analyze", "--logs", dir.toString(), "--output", "xml");

    assertThat(err).contains("--output 'xml': table or json");
  }
}
