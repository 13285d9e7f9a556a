package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store as JSON for the report, and the builder's options. */
class ExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void exportJson_holdsUsageMetricsWithTheirDatapoints_andDashboards() throws Exception {
    try (LocalCloudWatch cloudWatch =
            LocalCloudWatch.builder()
                .clock(CloudWatchTestSupport.fixedClock())
                .maxBuckets(50)
                .maxRawValues(10)
                .build();
        var client = CloudWatchTestSupport.sdk(cloudWatch)) {
      cloudWatch.sqs().sent("q", 4, NOW);
      client.putDashboard(r -> r.dashboardName("d").dashboardBody("{\"widgets\": []}"));
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      cloudWatch.exportJson(out);

      JsonNode export = JSON.readTree(out.toByteArray());
      assertThat(export.get("exportedAt").asText()).isEqualTo(NOW.toString());
      assertThat(export.at("/usage/bucketLimit").asInt()).isEqualTo(50);
      assertThat(export.at("/usage/rawValueLimit").asInt()).isEqualTo(10);
      JsonNode metric = export.at("/metrics/0");
      assertThat(metric.get("namespace").asText()).isEqualTo("AWS/SQS");
      assertThat(metric.get("metricName").asText()).isEqualTo("NumberOfMessagesSent");
      assertThat(metric.at("/dimensions/0/value").asText()).isEqualTo("q");
      JsonNode datapoint = metric.at("/datapoints/0");
      assertThat(datapoint.get("timestamp").asText())
          .isEqualTo(NOW.truncatedTo(ChronoUnit.MINUTES).toString());
      assertThat(datapoint.get("storageResolution").asInt()).isEqualTo(60);
      assertThat(datapoint.get("unit").asText()).isEqualTo("Count");
      assertThat(datapoint.get("sum").asDouble()).isEqualTo(4.0);
      assertThat(export.at("/dashboards/0/name").asText()).isEqualTo("d");
      assertThat(export.at("/dashboards/0/body").asText()).isEqualTo("{\"widgets\": []}");
    }
  }

  @Test
  void usage_afterTheBucketBound_countsTheRefusedSamples() throws Exception {
    try (LocalCloudWatch cloudWatch =
        LocalCloudWatch.builder().clock(CloudWatchTestSupport.fixedClock()).maxBuckets(1).build()) {
      cloudWatch.lambda().throttle("fn", Optional.empty(), NOW);
      cloudWatch.lambda().throttle("fn", Optional.empty(), NOW.minus(Duration.ofMinutes(5)));

      StoreUsage usage = cloudWatch.usage();

      // each throttle is published under two dimension sets: one bucket stored, three refused
      assertThat(usage.buckets()).isOne();
      assertThat(usage.refusedSamples()).isEqualTo(3);
      assertThat(usage.complete()).isFalse();
    }
  }

  @Test
  void builderOption_setTwice_isRefusedNamingIt() {
    LocalCloudWatch.Builder builder = LocalCloudWatch.builder().port(0);

    assertThatThrownBy(() -> builder.port(0)).hasMessage("port was already set");
    assertThatThrownBy(() -> LocalCloudWatch.builder().maxBuckets(0))
        .hasMessage("maxBuckets must be 1 to 10000000, was 0");
    assertThatThrownBy(() -> LocalCloudWatch.builder().accountId("12"))
        .hasMessage("accountId must be 12 digits, was '12'");
  }
}
