package dev.perfkit.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import dev.perfkit.local.testing.SharedTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The local CloudWatch fed from the real local stack, the way the wiring will feed it: the log
 * lines of PerformanceFunction invocations on the local Lambda (their tail, as the Invoke API
 * returns it), and a throttle per 429 the local Lambda answered.
 */
class LocalStackTest {

  private static LocalLambda lambda;
  private static LocalCloudWatch cloudWatch;
  private static CloudWatchClient client;

  @BeforeAll
  static void start() throws Exception {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    lambda.deploy(
        FunctionConfig.builder(
                "performance",
                PerformanceFunction.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(30))
            .build());
    lambda.deploy(
        FunctionConfig.builder(
                "throttled",
                PerformanceFunction.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .reservedConcurrency(0)
            .build());
    cloudWatch = LocalCloudWatch.builder().build();
    client = CloudWatchTestSupport.sdk(cloudWatch);
  }

  @AfterAll
  static void stop() {
    client.close();
    cloudWatch.close();
    lambda.close();
  }

  private static List<Datapoint> sums(String namespace, String metric, Dimension... dimensions) {
    Instant now = Instant.now();
    return client
        .getMetricStatistics(
            r ->
                r.namespace(namespace)
                    .metricName(metric)
                    .dimensions(dimensions)
                    .startTime(now.minus(Duration.ofMinutes(10)))
                    .endTime(now.plus(Duration.ofMinutes(1)))
                    .period(660)
                    .statistics(Statistic.SUM))
        .datapoints();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  @Test
  void emfOfARealInvocation_isQueryableByFunctionName_andByFunctionNameAndOperation() {
    InvokeResult result =
        lambda.invoke(
            InvokeRequest.builder("performance")
                .payload(
                    "{\"body\": \"{\\\"operation\\\": \\\"cpu_intensive\\\", "
                        + "\\\"iterations\\\": 100}\"}")
                .tailLog(true)
                .build());

    String log =
        new String(
            Base64.getDecoder().decode(result.logResult().orElseThrow()), StandardCharsets.UTF_8);
    long extracted =
        log.lines()
            .map(line -> cloudWatch.logs().accept("/aws/lambda/performance", line))
            .filter(emf -> emf.outcome() == EmfResult.Outcome.EXTRACTED)
            .count();

    assertThat(extracted).as(log).isOne();
    Dimension function = dimension("FunctionName", "performance");
    assertThat(sums("HighPerformance", "SuccessfulInvocations", function))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(1.0));
    assertThat(
            sums(
                "HighPerformance",
                "SuccessfulInvocations",
                function,
                dimension("Operation", "cpu_intensive")))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(1.0));
  }

  @Test
  void throttles_equalThe429sTheLocalLambdaAnswered() {
    int throttled = 0;
    for (int i = 0; i < 5; i++) {
      LocalLambdaException refused =
          catchThrowableOfType(
              LocalLambdaException.class, () -> lambda.invoke(InvokeRequest.of("throttled", "{}")));
      if (refused != null && refused.statusCode() == 429) {
        throttled++;
        cloudWatch.lambda().throttle("throttled", Optional.empty(), Instant.now());
      }
    }

    assertThat(throttled).isEqualTo(5);
    assertThat(sums("AWS/Lambda", "Throttles", dimension("FunctionName", "throttled")))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(5.0));
  }
}
