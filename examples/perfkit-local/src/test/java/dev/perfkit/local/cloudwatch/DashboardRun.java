package dev.perfkit.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A run of both stacks, fed as CloudWatch is fed, and both dashboards: the lab's original body over
 * the lab's function (its EMF under four dimensions) and perfkit's body over perfkit's function
 * (its EMF also under FunctionName alone). The run's data is timestamped by the real clock: the
 * real PerformanceFunction stamps its documents with it.
 */
final class DashboardRun {

  static final String LAB = "[your-username]";
  static final String PERFKIT = "perfkit";

  private DashboardRun() {}

  /** A local CloudWatch fed with the run, the two dashboards put. */
  static LocalCloudWatch start() throws IOException {
    Instant now = Instant.now();
    LocalCloudWatch cloudWatch = LocalCloudWatch.builder().build();
    for (String prefix : List.of(LAB, PERFKIT)) {
      services(cloudWatch, prefix, now);
    }
    perfkitFunctionInvocations(cloudWatch, PERFKIT + "-performance-function");
    labFunctionInvocations(cloudWatch, LAB + "-performance-function", now);
    try (CloudWatchClient client = CloudWatchTestSupport.sdk(cloudWatch)) {
      client.putDashboard(r -> r.dashboardName("lab").dashboardBody(resource("lab")));
      client.putDashboard(r -> r.dashboardName("perfkit").dashboardBody(resource("perfkit")));
    }
    return cloudWatch;
  }

  /** Twenty minutes of what the local Lambda and API stage publish. */
  private static void services(LocalCloudWatch cloudWatch, String prefix, Instant now) {
    for (int minute = 20; minute >= 1; minute--) {
      Instant at = now.minus(Duration.ofMinutes(minute));
      for (String function : List.of(prefix + "-performance-function", prefix + "-sqs-scaler")) {
        cloudWatch
            .lambda()
            .invocation(
                new LambdaInvocation(
                    function,
                    Optional.empty(),
                    "$LATEST",
                    at,
                    Duration.ofMillis(100 + minute),
                    minute % 7 == 0,
                    LambdaInvocation.Capacity.STANDARD));
        cloudWatch.lambda().concurrency(function, Optional.empty(), minute % 5 + 1, at);
      }
      if (minute % 3 == 0) {
        cloudWatch.lambda().throttle(prefix + "-performance-function", Optional.empty(), at);
      }
      cloudWatch
          .apiGateway()
          .request(
              new ApiRequest(
                  prefix + "-optimized-api",
                  "prod",
                  at,
                  minute % 4 == 0 ? 429 : 200,
                  Duration.ofMillis(120),
                  Optional.of(Duration.ofMillis(110)),
                  ApiRequest.Cache.NOT_CACHED));
    }
  }

  /** The real PerformanceFunction's EMF documents, through the logs as on Lambda. */
  private static void perfkitFunctionInvocations(LocalCloudWatch cloudWatch, String functionName) {
    List<String> lines = new ArrayList<>();
    Environment environment = Environment.of(Map.of("PERFKIT_NAMESPACE", "HighPerformance"));
    try (ClientRegistry clients = ClientRegistry.builder(environment).build()) {
      PerformanceFunction function =
          new PerformanceFunction(
              PerformanceFunction.Configuration.builder(environment, clients)
                  .metricsSink(
                      (bytes, offset, length) ->
                          lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))
                  .build());
      for (int i = 0; i < 3; i++) {
        function.handleRequest(
            new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withBody("{\"operation\": \"cpu_intensive\", \"iterations\": 100}"),
            LambdaTestContext.of(functionName));
      }
    }
    lines.forEach(
        line ->
            assertThat(cloudWatch.logs().accept("/aws/lambda/" + functionName, line).outcome())
                .isEqualTo(EmfResult.Outcome.EXTRACTED));
  }

  /**
   * The documents the lab's Python function prints for a warm invocation (its put_custom_metric):
   * one per metric, each under the four dimensions FunctionName, Operation, ColdStart and
   * MemorySize only.
   */
  private static void labFunctionInvocations(
      LocalCloudWatch cloudWatch, String functionName, Instant now) {
    for (String metric : List.of("ExecutionTime", "RemainingTime", "SuccessfulInvocations")) {
      String document =
          "{\"_aws\": {\"Timestamp\": "
              + now.toEpochMilli()
              + ", "
              + "\"CloudWatchMetrics\": [{\"Namespace\": \"HighPerformance\", \"Dimensions\": "
              + "[[\"FunctionName\", \"Operation\", \"ColdStart\", \"MemorySize\"]], \"Metrics\": "
              + "[{\"Name\": \""
              + metric
              + "\", \"Unit\": \"Count\"}]}]}, \""
              + metric
              + "\": 1, "
              + "\"FunctionName\": \""
              + functionName
              + "\", \"Operation\": \"cpu_intensive\", "
              + "\"ColdStart\": \"False\", \"MemorySize\": \"1024\"}";
      assertThat(cloudWatch.logs().accept("/aws/lambda/" + functionName, document).outcome())
          .isEqualTo(EmfResult.Outcome.EXTRACTED);
    }
  }

  static String resource(String name) {
    try (InputStream in =
        DashboardRun.class.getResourceAsStream("/cloudwatch/" + name + "-dashboard.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
