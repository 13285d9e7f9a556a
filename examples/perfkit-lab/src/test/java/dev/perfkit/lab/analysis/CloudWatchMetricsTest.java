package dev.perfkit.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.lab.analysis.FakeCloudWatch.Answer;
import dev.perfkit.lab.analysis.FakeCloudWatch.Result;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

class CloudWatchMetricsTest {

  private static final LabStack STACK = LabStack.forUser("user3", ColdStartMode.PROVISIONED);
  private static final Instant NOW = Instant.parse("2026-11-26T14:37:20Z");
  private static final Instant BUCKET = Instant.parse("2026-11-26T13:38:00Z");

  /** Figures of the performance function (index 0); the SQS function gets none. */
  private static final Map<String, Double> PERFORMANCE =
      Map.ofEntries(
          Map.entry("duration_sum_0", 12_000.0),
          Map.entry("duration_count_0", 100.0),
          Map.entry("duration_max_0", 900.0),
          Map.entry("duration_min_0", 20.0),
          Map.entry("duration_p95_0", 300.0),
          Map.entry("duration_p99_0", 800.0),
          Map.entry("invocations_0", 100.0),
          Map.entry("errors_0", 2.0),
          Map.entry("throttles_0", 5.0),
          Map.entry("concurrency_0", 7.0),
          Map.entry("cold_starts_0", 3.0));

  private static Answer answer(JsonNode request, Map<String, Double> figures) {
    List<Result> results = new ArrayList<>();
    for (JsonNode query : request.path("MetricDataQueries")) {
      String id = query.path("Id").asText();
      Map<Instant, Double> points = new LinkedHashMap<>();
      if (figures.containsKey(id)) {
        points.put(BUCKET, figures.get(id));
      }
      results.add(new Result(id, "Complete", points));
    }
    return new Answer(results, null);
  }

  private static PerformanceReport report(FakeCloudWatch fake, Duration since) {
    try (CloudWatchClient client = fake.client()) {
      return new CloudWatchMetrics(client, LambdaPrices.X86_US_EAST_1).report(STACK, NOW, since);
    }
  }

  @Test
  void report_asksEveryFigureOfBothFunctionsInOnePeriodCoveringTheWindow() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, PERFORMANCE))) {
      report(fake, Duration.ofHours(1));
      FakeCloudWatch.Request request = fake.requests().get(0);
      JsonNode queries = request.body().path("MetricDataQueries");

      assertThat(fake.requests()).hasSize(1);
      assertThat(request.path()).endsWith("/operation/GetMetricData");
      assertThat(request.protocol()).isEqualTo("rpc-v2-cbor");
      assertThat(request.body().path("StartTime").asLong()).isEqualTo(BUCKET.getEpochSecond());
      assertThat(request.body().path("EndTime").asLong())
          .isEqualTo(Instant.parse("2026-11-26T14:38:00Z").getEpochSecond());
      assertThat(queries).hasSize(22);
      assertThat(queries.findValuesAsText("Period")).containsOnly("3600");
      assertThat(queries)
          .allSatisfy(
              query ->
                  assertThat(query.at("/MetricStat/Metric/Dimensions/0/Name").asText())
                      .isEqualTo("FunctionName"));
      assertThat(queries.findValuesAsText("Value"))
          .containsOnly("user3-performance-function", "user3-sqs-scaler");
      assertThat(describe(queries.get(4))).isEqualTo("AWS/Lambda Duration p95");
      assertThat(describe(queries.get(10))).isEqualTo("HighPerformance ColdStarts Sum");
    }
  }

  private static String describe(JsonNode query) {
    return query.at("/MetricStat/Metric/Namespace").asText()
        + " "
        + query.at("/MetricStat/Metric/MetricName").asText()
        + " "
        + query.at("/MetricStat/Stat").asText();
  }

  @Test
  void report_mapsTheAnswersToTheLabsFiguresAndTheCost() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, PERFORMANCE))) {
      PerformanceReport report = report(fake, Duration.ofHours(1));
      FunctionReport performance = report.functions().get(0);

      assertThat(report.source()).isEqualTo("CloudWatch us-east-1");
      assertThat(performance.functionName()).isEqualTo("user3-performance-function");
      assertThat(performance.invocations()).isEqualTo(100);
      assertThat(performance.averageDurationMs()).hasValue(120.0);
      assertThat(performance.maxDurationMs()).hasValue(900.0);
      assertThat(performance.minDurationMs()).hasValue(20.0);
      assertThat(performance.p95DurationMs()).hasValue(300.0);
      assertThat(performance.p99DurationMs()).hasValue(800.0);
      assertThat(performance.maxConcurrency()).hasValue(7.0);
      assertThat(performance.errors()).isEqualTo(2);
      assertThat(performance.throttles()).hasValue(5);
      assertThat(performance.coldStarts()).isEqualTo(3);
      assertThat(performance.gbSeconds()).isEqualTo(12.0);
      assertThat(performance.estimatedCostUsd(LambdaPrices.X86_US_EAST_1))
          .isCloseTo(12.0 * 0.0000166667 + 100 / 1e6 * 0.20, within(1e-12));
    }
  }

  @Test
  void report_functionWithoutDatapoints_hasNoDurationFigures() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, PERFORMANCE))) {
      FunctionReport sqsScaler = report(fake, Duration.ofHours(1)).functions().get(1);

      assertThat(sqsScaler.functionName()).isEqualTo("user3-sqs-scaler");
      assertThat(sqsScaler.invocations()).isZero();
      assertThat(sqsScaler.averageDurationMs()).isEmpty();
      assertThat(sqsScaler.p99DurationMs()).isEmpty();
      assertThat(sqsScaler.gbSeconds()).isZero();
    }
  }

  @Test
  void report_pagedAnswer_followsNextTokenAndAddsThePages() throws Exception {
    try (FakeCloudWatch fake =
        new FakeCloudWatch(
            request -> {
              Answer full = answer(request, PERFORMANCE);
              if (request.path("NextToken").isMissingNode()) {
                return new Answer(full.results(), "page-2");
              }
              return new Answer(
                  List.of(
                      new Result(
                          "invocations_0", "Complete", Map.of(BUCKET.plusSeconds(60), 50.0))),
                  null);
            })) {
      PerformanceReport report = report(fake, Duration.ofHours(1));

      assertThat(fake.requests()).hasSize(2);
      assertThat(fake.requests().get(1).body().path("NextToken").asText()).isEqualTo("page-2");
      assertThat(report.functions().get(0).invocations()).isEqualTo(150);
    }
  }

  @Test
  void report_windowBelowAMinute_isAskedAsOneMinute() throws Exception {
    try (FakeCloudWatch fake = new FakeCloudWatch(request -> answer(request, PERFORMANCE))) {
      report(fake, Duration.ofSeconds(10));

      assertThat(fake.requests().get(0).body().path("MetricDataQueries").findValuesAsText("Period"))
          .containsOnly("60");
    }
  }

  @Test
  void report_queryAnsweredWithAnError_namesTheQuery() throws Exception {
    try (FakeCloudWatch fake =
        new FakeCloudWatch(
            request ->
                new Answer(List.of(new Result("errors_1", "InternalError", Map.of())), null))) {
      assertThatThrownBy(() -> report(fake, Duration.ofHours(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("query errors_1")
          .hasMessageContaining("InternalError");
    }
  }
}
