package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The services' own metrics, under the names and dimension sets AWS publishes them with. */
class ServiceMetricsTest {

  private static final Instant AT = NOW.truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);

  private LocalCloudWatch cloudWatch;
  private CloudWatchClient client;

  @BeforeEach
  void start() throws Exception {
    cloudWatch = LocalCloudWatch.builder().clock(CloudWatchTestSupport.fixedClock()).build();
    client = CloudWatchTestSupport.sdk(cloudWatch);
  }

  @AfterEach
  void stop() {
    client.close();
    cloudWatch.close();
  }

  private Datapoint datapoint(String namespace, String metric, Dimension... dimensions) {
    List<Datapoint> datapoints =
        client
            .getMetricStatistics(
                r ->
                    r.namespace(namespace)
                        .metricName(metric)
                        .dimensions(dimensions)
                        .startTime(AT.minusSeconds(300))
                        .endTime(AT.plusSeconds(300))
                        .period(600)
                        .statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.MAXIMUM))
            .datapoints();
    assertThat(datapoints).as(metric + " " + List.of(dimensions)).hasSize(1);
    return datapoints.get(0);
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  @Test
  void lambdaInvocationOfAnAlias_isPublishedByFunctionResourceAndExecutedVersion() {
    cloudWatch
        .lambda()
        .invocation(
            new LambdaInvocation(
                "fn",
                Optional.of("prod"),
                "3",
                AT,
                Duration.ofMillis(25),
                true,
                LambdaInvocation.Capacity.STANDARD));

    Dimension function = dimension(LambdaMetrics.FUNCTION_NAME, "fn");
    Dimension resource = dimension(LambdaMetrics.RESOURCE, "fn:prod");
    for (Dimension[] set :
        List.of(
            new Dimension[0],
            new Dimension[] {function},
            new Dimension[] {function, resource},
            new Dimension[] {function, resource, dimension(LambdaMetrics.EXECUTED_VERSION, "3")})) {
      assertThat(datapoint("AWS/Lambda", "Invocations", set).sum()).isEqualTo(1.0);
      assertThat(datapoint("AWS/Lambda", "Errors", set).sum()).isEqualTo(1.0);
      assertThat(datapoint("AWS/Lambda", "Duration", set).average()).isEqualTo(25.0);
    }
  }

  @Test
  void lambdaThrottlesAndConcurrency_areSummedAndPeaked() {
    for (int i = 0; i < 3; i++) {
      cloudWatch.lambda().throttle("fn", Optional.empty(), AT);
    }
    cloudWatch.lambda().concurrency("fn", Optional.empty(), 2, AT);
    cloudWatch.lambda().concurrency("fn", Optional.empty(), 5, AT);

    Dimension function = dimension("FunctionName", "fn");
    assertThat(datapoint("AWS/Lambda", "Throttles", function).sum()).isEqualTo(3.0);
    assertThat(datapoint("AWS/Lambda", "ConcurrentExecutions", function).maximum()).isEqualTo(5.0);
  }

  @Test
  void provisionedConcurrency_publishesExecutionsAndUtilizationOfTheResource() {
    cloudWatch.lambda().provisionedConcurrency("fn", "live", 3, 4, AT);
    cloudWatch
        .lambda()
        .invocation(
            new LambdaInvocation(
                "fn",
                Optional.of("live"),
                "1",
                AT,
                Duration.ofMillis(5),
                false,
                LambdaInvocation.Capacity.SPILLOVER));

    Dimension function = dimension("FunctionName", "fn");
    Dimension resource = dimension("Resource", "fn:live");
    assertThat(
            datapoint("AWS/Lambda", "ProvisionedConcurrentExecutions", function, resource)
                .maximum())
        .isEqualTo(3.0);
    assertThat(
            datapoint("AWS/Lambda", "ProvisionedConcurrencyUtilization", function, resource)
                .maximum())
        .isEqualTo(0.75);
    assertThat(
            datapoint("AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations", function).sum())
        .isEqualTo(1.0);
  }

  @Test
  void apiGatewayRequests_errorsAverageToTheirRate_cacheHitsAreCounted() {
    cloudWatch
        .apiGateway()
        .request(
            new ApiRequest(
                "api",
                "prod",
                AT,
                200,
                Duration.ofMillis(30),
                Optional.of(Duration.ofMillis(20)),
                ApiRequest.Cache.MISS));
    cloudWatch
        .apiGateway()
        .request(
            new ApiRequest(
                "api",
                "prod",
                AT,
                200,
                Duration.ofMillis(2),
                Optional.empty(),
                ApiRequest.Cache.HIT));
    cloudWatch
        .apiGateway()
        .request(
            new ApiRequest(
                "api",
                "prod",
                AT,
                429,
                Duration.ofMillis(1),
                Optional.empty(),
                ApiRequest.Cache.NOT_CACHED));
    cloudWatch
        .apiGateway()
        .request(
            new ApiRequest(
                "api",
                "prod",
                AT,
                502,
                Duration.ofMillis(7),
                Optional.of(Duration.ofMillis(5)),
                ApiRequest.Cache.MISS));

    Dimension api = dimension(ApiGatewayMetrics.API_NAME, "api");
    Dimension stage = dimension(ApiGatewayMetrics.STAGE, "prod");
    assertThat(datapoint("AWS/ApiGateway", "Count", api).sum()).isEqualTo(4.0);
    assertThat(datapoint("AWS/ApiGateway", "4XXError", api, stage).average()).isEqualTo(0.25);
    assertThat(datapoint("AWS/ApiGateway", "5XXError", api).sum()).isEqualTo(1.0);
    assertThat(datapoint("AWS/ApiGateway", "Latency", api).average()).isEqualTo(10.0);
    assertThat(datapoint("AWS/ApiGateway", "IntegrationLatency", api).average()).isEqualTo(12.5);
    assertThat(datapoint("AWS/ApiGateway", "CacheHitCount", api).sum()).isEqualTo(1.0);
    assertThat(datapoint("AWS/ApiGateway", "CacheMissCount", api).sum()).isEqualTo(2.0);
  }

  @Test
  void sqsQueue_countsMessagesAndSamplesItsDepth() {
    cloudWatch.sqs().sent("q", 10, AT);
    cloudWatch.sqs().received("q", 4, AT);
    cloudWatch.sqs().deleted("q", 3, AT);
    cloudWatch.sqs().depth("q", 6, Duration.ofSeconds(42), AT);

    Dimension queue = dimension(SqsMetrics.QUEUE_NAME, "q");
    assertThat(datapoint("AWS/SQS", "NumberOfMessagesSent", queue).sum()).isEqualTo(10.0);
    assertThat(datapoint("AWS/SQS", "NumberOfMessagesReceived", queue).sum()).isEqualTo(4.0);
    assertThat(datapoint("AWS/SQS", "NumberOfMessagesDeleted", queue).sum()).isEqualTo(3.0);
    assertThat(datapoint("AWS/SQS", "ApproximateNumberOfMessagesVisible", queue).maximum())
        .isEqualTo(6.0);
    assertThat(datapoint("AWS/SQS", "ApproximateAgeOfOldestMessage", queue).maximum())
        .isEqualTo(42.0);
  }

  @Test
  void badValues_areRefusedNamingTheField() {
    assertThatThrownBy(() -> cloudWatch.sqs().sent("q", -1, AT))
        .hasMessage("messages must not be negative: -1");
    assertThatThrownBy(() -> cloudWatch.lambda().throttle(" ", Optional.empty(), AT))
        .hasMessage("functionName must not be blank");
    assertThatThrownBy(
            () ->
                new ApiRequest(
                    "api",
                    "prod",
                    AT,
                    700,
                    Duration.ZERO,
                    Optional.empty(),
                    ApiRequest.Cache.NOT_CACHED))
        .hasMessage("status must be an HTTP status, 100 to 599: 700");
  }
}
