package dev.perfkit.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.metrics.StorageResolution;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.PerformanceFunction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Documents written by perfkit-core's real MetricsEmitter, extracted as CloudWatch Logs extracts
 * them: each metric under every dimension set the document declares, and only under those.
 */
class EmfExtractionTest {

  private static final String LOG_GROUP = "/aws/lambda/fn";

  /**
   * Two minutes ago, fixed: PerformanceFunction stamps its documents with the real time, which must
   * lie in the window CloudWatch accepts around the store's clock.
   */
  private static final Instant NOW = Instant.now().minusSeconds(120);

  private static final Instant MINUTE = NOW.truncatedTo(ChronoUnit.MINUTES);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private LocalCloudWatch cloudWatch;
  private CloudWatchClient client;
  private final List<String> lines = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    cloudWatch = LocalCloudWatch.builder().clock(CLOCK).build();
    client = CloudWatchTestSupport.sdk(cloudWatch);
  }

  @AfterEach
  void stop() {
    client.close();
    cloudWatch.close();
  }

  private MetricsEmitter emitter(Clock clock) {
    return MetricsEmitter.builder()
        .namespace("Emf")
        .dimensionSet("FunctionName")
        .dimensionSet("FunctionName", "Operation")
        .defaultDimension("FunctionName", "fn")
        .clock(clock)
        .sink(
            (bytes, offset, length) ->
                lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))
        .build();
  }

  private void feed() {
    for (String line : lines) {
      assertThat(cloudWatch.logs().accept(LOG_GROUP, line).outcome())
          .as(line)
          .isEqualTo(EmfResult.Outcome.EXTRACTED);
    }
  }

  private List<Datapoint> statistics(
      String namespace, String metric, int period, Dimension... dimensions) {
    return client
        .getMetricStatistics(
            r ->
                r.namespace(namespace)
                    .metricName(metric)
                    .dimensions(dimensions)
                    .startTime(MINUTE.minusSeconds(600))
                    .endTime(MINUTE.plusSeconds(600))
                    .period(period)
                    .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT))
        .datapoints();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  @Test
  void emitterDocument_isQueryableByEachDimensionSetItDeclares_andNoOther() {
    try (MetricsScope scope = emitter(CLOCK).newScope()) {
      scope
          .dimension("Operation", "cpu_intensive")
          .property("RequestId", "r-1")
          .put("ExecutionTime", 12, MetricUnit.MILLISECONDS);
    }
    feed();

    Dimension function = dimension("FunctionName", "fn");
    Dimension operation = dimension("Operation", "cpu_intensive");
    assertThat(statistics("Emf", "ExecutionTime", 60, function))
        .singleElement()
        .satisfies(
            datapoint -> {
              assertThat(datapoint.sum()).isEqualTo(12.0);
              assertThat(datapoint.unit()).isEqualTo(StandardUnit.MILLISECONDS);
            });
    assertThat(statistics("Emf", "ExecutionTime", 60, function, operation))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(12.0));
    // CloudWatch matches dimension sets exactly (DESIGN 5.7): neither a subset nor no dimension
    assertThat(statistics("Emf", "ExecutionTime", 60, operation)).isEmpty();
    assertThat(statistics("Emf", "ExecutionTime", 60)).isEmpty();
  }

  @Test
  void emitterDocument_withValuesRecordedTwice_countsEachValue() {
    try (MetricsScope scope = emitter(CLOCK).newScope()) {
      scope
          .dimension("Operation", "batch")
          .put("Items", 2, MetricUnit.COUNT)
          .put("Items", 3, MetricUnit.COUNT);
    }
    feed();

    Datapoint datapoint = statistics("Emf", "Items", 60, dimension("FunctionName", "fn")).get(0);
    assertThat(datapoint.sampleCount()).isEqualTo(2.0);
    assertThat(datapoint.sum()).isEqualTo(5.0);
  }

  @Test
  void highResolutionDocument_keepsEachSecond_standardOneMinute() {
    for (int second = 0; second < 2; second++) {
      Clock at = Clock.fixed(MINUTE.minusSeconds(30 - second), ZoneOffset.UTC);
      MetricsEmitter timed =
          MetricsEmitter.builder()
              .namespace("Emf")
              .dimensionSet("FunctionName")
              .defaultDimension("FunctionName", "fn")
              .clock(at)
              .sink(
                  (bytes, offset, length) ->
                      lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))
              .build();
      try (MetricsScope scope = timed.newScope()) {
        scope
            .put("Fast", 1, MetricUnit.COUNT, StorageResolution.HIGH)
            .put("Slow", 1, MetricUnit.COUNT);
      }
    }
    feed();

    Dimension function = dimension("FunctionName", "fn");
    assertThat(statistics("Emf", "Fast", 1, function)).hasSize(2);
    assertThat(statistics("Emf", "Slow", 1, function))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(2.0));
  }

  @Test
  void performanceFunctionInvocation_isQueryableByFunctionName_andByOperation() {
    Environment environment = Environment.of(Map.of("PERFKIT_NAMESPACE", "HighPerformance"));
    try (ClientRegistry clients = ClientRegistry.builder(environment).build()) {
      PerformanceFunction function =
          new PerformanceFunction(
              PerformanceFunction.Configuration.builder(environment, clients)
                  .clock(CLOCK)
                  .metricsSink(
                      (bytes, offset, length) ->
                          lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))
                  .build());
      APIGatewayProxyRequestEvent event =
          new APIGatewayProxyRequestEvent()
              .withHttpMethod("POST")
              .withPath("/performance")
              .withBody("{\"operation\": \"cpu_intensive\", \"iterations\": 100}");
      assertThat(function.handleRequest(event, LambdaTestContext.of("perf")).getStatusCode())
          .isEqualTo(200);
    }
    feed();

    Dimension function = dimension("FunctionName", "perf");
    Dimension operation = dimension("Operation", "cpu_intensive");
    for (String metric : List.of("ExecutionTime", "SuccessfulInvocations", "ColdStarts")) {
      assertThat(statistics("HighPerformance", metric, 60, function)).as(metric).hasSize(1);
      assertThat(statistics("HighPerformance", metric, 60, function, operation))
          .as(metric)
          .hasSize(1);
    }
  }

  @Test
  void lineAfterLambdasMetadata_isExtracted() {
    String document =
        "{\"_aws\":{\"Timestamp\":"
            + NOW.toEpochMilli()
            + ",\"CloudWatchMetrics\":"
            + "[{\"Namespace\":\"Emf\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"Hits\"}]}]},"
            + "\"Hits\":[1,2]}";

    EmfResult result =
        cloudWatch
            .logs()
            .accept(
                LOG_GROUP,
                "2026-03-04T19:15:17.135Z\t6f0b0b8e-1c1b-4b7e-9c6a-2f0f0f0f0f0f\tINFO\t"
                    + document);

    assertThat(result).isEqualTo(new EmfResult(EmfResult.Outcome.EXTRACTED, 2, ""));
    assertThat(statistics("Emf", "Hits", 60))
        .singleElement()
        .satisfies(datapoint -> assertThat(datapoint.unit()).isEqualTo(StandardUnit.NONE));
  }

  @Test
  void plainLines_areNotEmf() {
    for (String line :
        Arrays.asList("START RequestId: 1 Version: $LATEST", "{\"level\":\"INFO\"}", "", null)) {
      assertThat(cloudWatch.logs().accept(LOG_GROUP, line).outcome())
          .isEqualTo(EmfResult.Outcome.NOT_EMF);
    }
    assertThat(cloudWatch.usage().metrics()).isZero();
  }
}
