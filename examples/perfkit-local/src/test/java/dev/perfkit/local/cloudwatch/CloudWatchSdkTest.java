package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricStatisticsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatisticSet;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The Java SDK's CloudWatchClient, unchanged, against the local CloudWatch: every operation. */
class CloudWatchSdkTest {

  private static final Instant MINUTE = NOW.truncatedTo(ChronoUnit.MINUTES);
  private static final Dimension FUNCTION = dimension("FunctionName", "fn");

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

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  private void put(String metric, Instant at, double... values) {
    List<Double> list = java.util.Arrays.stream(values).boxed().toList();
    client.putMetricData(
        r ->
            r.namespace("Test")
                .metricData(
                    MetricDatum.builder()
                        .metricName(metric)
                        .dimensions(FUNCTION)
                        .timestamp(at)
                        .unit(StandardUnit.MILLISECONDS)
                        .values(list)
                        .build()));
  }

  private static MetricStat stat(String metric, String statistic, int period) {
    return MetricStat.builder()
        .metric(Metric.builder().namespace("Test").metricName(metric).dimensions(FUNCTION).build())
        .period(period)
        .stat(statistic)
        .build();
  }

  @Test
  void putMetricDataThenGetMetricData_returnsTheStatisticPerPeriod_overSmithyRpcV2Cbor() {
    put("Latency", MINUTE.minusSeconds(120), 10, 20, 30);
    put("Latency", MINUTE.minusSeconds(60), 40);

    GetMetricDataResponse response =
        client.getMetricData(
            r ->
                r.startTime(MINUTE.minusSeconds(600))
                    .endTime(MINUTE)
                    .metricDataQueries(
                        MetricDataQuery.builder()
                            .id("avg")
                            .metricStat(stat("Latency", "Average", 60))
                            .build()));

    MetricDataResult result = response.metricDataResults().get(0);
    assertThat(result.statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(result.label()).isEqualTo("Latency");
    // newest first: TimestampDescending is GetMetricData's default order
    assertThat(result.timestamps())
        .containsExactly(MINUTE.minusSeconds(60), MINUTE.minusSeconds(120));
    assertThat(result.values()).containsExactly(40.0, 20.0);
    assertThat(CloudWatchTestSupport.requests(cloudWatch, "cbor", "GetMetricData")).isOne();
  }

  @Test
  void getMetricData_expressionDividesTwoQueries_andHidesThoseNotReturned() {
    put("Errors", MINUTE.minusSeconds(60), 1, 0, 1, 0);
    put("Calls", MINUTE.minusSeconds(60), 1, 1, 1, 1);

    GetMetricDataResponse response =
        client.getMetricData(
            r ->
                r.startTime(MINUTE.minusSeconds(300))
                    .endTime(MINUTE)
                    .metricDataQueries(
                        MetricDataQuery.builder()
                            .id("e")
                            .metricStat(stat("Errors", "Sum", 60))
                            .returnData(false)
                            .build(),
                        MetricDataQuery.builder()
                            .id("c")
                            .metricStat(stat("Calls", "Sum", 60))
                            .returnData(false)
                            .build(),
                        MetricDataQuery.builder()
                            .id("rate")
                            .expression("100 * e / c")
                            .label("Error %")
                            .build()));

    assertThat(response.metricDataResults())
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.label()).isEqualTo("Error %");
              assertThat(result.values()).containsExactly(50.0);
            });
  }

  @Test
  void getMetricData_maxDatapoints_pagesWithNextToken() {
    for (int minute = 1; minute <= 3; minute++) {
      put("Latency", MINUTE.minusSeconds(60L * minute), minute);
    }
    MetricDataQuery query =
        MetricDataQuery.builder().id("m").metricStat(stat("Latency", "Maximum", 60)).build();

    GetMetricDataResponse first =
        client.getMetricData(
            r ->
                r.startTime(MINUTE.minusSeconds(600))
                    .endTime(MINUTE)
                    .maxDatapoints(2)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .metricDataQueries(query));
    GetMetricDataResponse second =
        client.getMetricData(
            r ->
                r.startTime(MINUTE.minusSeconds(600))
                    .endTime(MINUTE)
                    .maxDatapoints(2)
                    .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                    .nextToken(first.nextToken())
                    .metricDataQueries(query));

    assertThat(first.metricDataResults().get(0).values()).containsExactly(3.0, 2.0);
    assertThat(first.metricDataResults().get(0).statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
    assertThat(second.metricDataResults().get(0).values()).containsExactly(1.0);
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void getMetricStatistics_answersOnlyTheStatisticsAskedFor() {
    put("Latency", MINUTE.minusSeconds(60), 1, 2, 3, 4);

    GetMetricStatisticsResponse response =
        client.getMetricStatistics(
            r ->
                r.namespace("Test")
                    .metricName("Latency")
                    .dimensions(FUNCTION)
                    .startTime(MINUTE.minusSeconds(300))
                    .endTime(MINUTE)
                    .period(300)
                    .statistics(Statistic.MAXIMUM)
                    .extendedStatistics("p50"));

    Datapoint datapoint = response.datapoints().get(0);
    assertThat(response.label()).isEqualTo("Latency");
    assertThat(datapoint.maximum()).isEqualTo(4.0);
    assertThat(datapoint.extendedStatistics()).containsEntry("p50", 2.0);
    assertThat(datapoint.sum()).isNull();
    assertThat(datapoint.average()).isNull();
    assertThat(datapoint.unit()).isEqualTo(StandardUnit.MILLISECONDS);
  }

  @Test
  void getMetricStatistics_moreThan1440Datapoints_isInvalidParameterCombination() {
    assertThatThrownBy(
            () ->
                client.getMetricStatistics(
                    r ->
                        r.namespace("Test")
                            .metricName("Latency")
                            .startTime(NOW.minusSeconds(86_400))
                            .endTime(NOW)
                            .period(1)
                            .statistics(Statistic.SUM)))
        .isInstanceOfSatisfying(
            CloudWatchException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
              assertThat(e.getMessage()).contains("exceeds the limit of 1440");
            });
  }

  @Test
  void putMetricData_awsNamespace_isInvalidParameterValue() {
    assertThatThrownBy(
            () ->
                client.putMetricData(
                    r ->
                        r.namespace("AWS/Lambda")
                            .metricData(
                                MetricDatum.builder().metricName("Duration").value(1.0).build())))
        .isInstanceOf(InvalidParameterValueException.class)
        .hasMessageContaining("The value AWS/Lambda for parameter Namespace is invalid.");
  }

  @Test
  void putMetricData_statisticSet_givesItsSumAndCount() {
    client.putMetricData(
        r ->
            r.namespace("Test")
                .metricData(
                    MetricDatum.builder()
                        .metricName("Latency")
                        .dimensions(FUNCTION)
                        .timestamp(MINUTE.minusSeconds(60))
                        .statisticValues(
                            StatisticSet.builder()
                                .sampleCount(4.0)
                                .sum(10.0)
                                .minimum(1.0)
                                .maximum(4.0)
                                .build())
                        .build()));

    Datapoint datapoint =
        client
            .getMetricStatistics(
                r ->
                    r.namespace("Test")
                        .metricName("Latency")
                        .dimensions(FUNCTION)
                        .startTime(MINUTE.minusSeconds(300))
                        .endTime(MINUTE)
                        .period(300)
                        .statistics(Statistic.SUM, Statistic.SAMPLE_COUNT))
            .datapoints()
            .get(0);

    assertThat(datapoint.sum()).isEqualTo(10.0);
    assertThat(datapoint.sampleCount()).isEqualTo(4.0);
  }

  @Test
  void listMetrics_filtersByDimension() {
    put("Latency", MINUTE, 1);
    client.putMetricData(
        r ->
            r.namespace("Test")
                .metricData(
                    MetricDatum.builder()
                        .metricName("Other")
                        .dimensions(dimension("QueueName", "q"))
                        .value(1.0)
                        .build()));

    ListMetricsResponse response =
        client.listMetrics(
            r ->
                r.namespace("Test")
                    .dimensions(DimensionFilter.builder().name("FunctionName").build()));

    assertThat(response.metrics())
        .singleElement()
        .satisfies(
            metric -> {
              assertThat(metric.metricName()).isEqualTo("Latency");
              assertThat(metric.dimensions()).containsExactly(FUNCTION);
            });
  }

  @Test
  void dashboards_putGetListDelete() {
    String body = "{\"widgets\":[{\"type\":\"text\",\"properties\":{\"markdown\":\"hi\"}}]}";

    assertThat(
            client
                .putDashboard(r -> r.dashboardName("one").dashboardBody(body))
                .dashboardValidationMessages())
        .isEmpty();
    assertThat(client.getDashboard(r -> r.dashboardName("one")).dashboardBody()).isEqualTo(body);
    assertThat(client.getDashboard(r -> r.dashboardName("one")).dashboardArn())
        .isEqualTo("arn:aws:cloudwatch::000000000000:dashboard/one");
    assertThat(client.listDashboards(r -> r.dashboardNamePrefix("o")).dashboardEntries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.dashboardName()).isEqualTo("one");
              assertThat(entry.size()).isEqualTo(body.length());
              assertThat(entry.lastModified()).isEqualTo(NOW);
            });
    client.deleteDashboards(r -> r.dashboardNames("one"));
    assertThat(client.listDashboards(r -> {}).dashboardEntries()).isEmpty();
  }

  @Test
  void getDashboard_missing_isDashboardNotFound() {
    assertThatThrownBy(() -> client.getDashboard(r -> r.dashboardName("missing")))
        .isInstanceOfSatisfying(
            DashboardNotFoundErrorException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
            });
  }

  @Test
  void putDashboard_widgetWithoutRegion_isInvalidParameterInputWithItsDataPath() {
    String body =
        "{\"widgets\":[{\"type\":\"metric\",\"properties\":{\"metrics\":"
            + "[[\"AWS/Lambda\",\"Duration\"]]}}]}";

    assertThatThrownBy(() -> client.putDashboard(r -> r.dashboardName("bad").dashboardBody(body)))
        .isInstanceOfSatisfying(
            DashboardInvalidInputErrorException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterInput");
              assertThat(e.dashboardValidationMessages())
                  .singleElement()
                  .satisfies(
                      message -> {
                        assertThat(message.dataPath()).isEqualTo("/widgets/0/properties");
                        assertThat(message.message())
                            .isEqualTo("Should have required property 'region'");
                      });
            });
  }
}
