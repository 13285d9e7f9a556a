package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of the embedded metric format specification: a document that breaks one is a log line
 * and adds no metric, and CloudWatch counts it in AWS/Logs EMFValidationErrors.
 */
class EmfValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG_GROUP = "/aws/lambda/fn";

  private LocalCloudWatch cloudWatch;

  @BeforeEach
  void start() throws Exception {
    cloudWatch = LocalCloudWatch.builder().clock(CloudWatchTestSupport.fixedClock()).build();
  }

  @AfterEach
  void stop() {
    cloudWatch.close();
  }

  /** A valid document: one directive, two dimension sets, two metrics. */
  private static ObjectNode valid() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode metadata = root.putObject("_aws");
    metadata.put("Timestamp", NOW.toEpochMilli());
    ObjectNode directive = metadata.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", "Emf");
    ArrayNode sets = directive.putArray("Dimensions");
    sets.addArray().add("FunctionName");
    sets.addArray().add("FunctionName").add("Operation");
    ArrayNode metrics = directive.putArray("Metrics");
    metrics.addObject().put("Name", "Time").put("Unit", "Milliseconds");
    metrics.addObject().put("Name", "Count").put("Unit", "Count").put("StorageResolution", 1);
    root.put("FunctionName", "fn").put("Operation", "op").put("Time", 12.5);
    root.putArray("Count").add(1).add(2);
    return root;
  }

  private static ObjectNode directive(ObjectNode root) {
    return (ObjectNode) root.get("_aws").get("CloudWatchMetrics").get(0);
  }

  static Stream<Arguments> brokenRules() {
    return Stream.of(
        rule(
            "_aws is not an object", "_aws must be an object", root -> root.put("_aws", "metrics")),
        rule(
            "Timestamp missing",
            "_aws.Timestamp must be a number",
            root -> ((ObjectNode) root.get("_aws")).remove("Timestamp")),
        rule(
            "Timestamp 15 days old",
            "more than 14 days before",
            root ->
                ((ObjectNode) root.get("_aws"))
                    .put("Timestamp", NOW.minus(Duration.ofDays(15)).toEpochMilli())),
        rule(
            "Timestamp 3 hours ahead",
            "2 hours after",
            root ->
                ((ObjectNode) root.get("_aws"))
                    .put("Timestamp", NOW.plus(Duration.ofHours(3)).toEpochMilli())),
        rule(
            "CloudWatchMetrics not an array",
            "CloudWatchMetrics must be an array",
            root -> ((ObjectNode) root.get("_aws")).put("CloudWatchMetrics", "x")),
        rule(
            "Namespace missing",
            "Namespace must be a string",
            root -> directive(root).remove("Namespace")),
        rule(
            "Namespace of AWS",
            "must not start with 'AWS/'",
            root -> directive(root).put("Namespace", "AWS/Lambda")),
        rule(
            "Dimensions missing",
            "Dimensions must be an array",
            root -> directive(root).remove("Dimensions")),
        rule(
            "31 dimensions in a set",
            "has 31 keys; at most 30",
            root -> {
              ArrayNode set = directive(root).putArray("Dimensions").addArray();
              for (int i = 0; i < 31; i++) {
                set.add("d" + i);
                root.put("d" + i, "v");
              }
            }),
        rule("dimension target missing", "dimension 'Operation'", root -> root.remove("Operation")),
        rule(
            "dimension target not a string",
            "dimension 'Operation'",
            root -> root.put("Operation", 3)),
        rule(
            "101 metric definitions",
            "has 101 definitions; at most 100",
            root -> {
              ArrayNode metrics = directive(root).putArray("Metrics");
              for (int i = 0; i < 101; i++) {
                metrics.addObject().put("Name", "m" + i);
                root.put("m" + i, i);
              }
            }),
        rule("metric target missing", "metric 'Time' has no member", root -> root.remove("Time")),
        rule(
            "metric target not a number",
            "metric 'Time' must be a number",
            root -> root.put("Time", "fast")),
        rule(
            "metric value beyond 2^360",
            "within +/-2^360",
            root -> root.put("Time", Math.pow(2, 361))),
        rule(
            "101 values",
            "has 101 values",
            root -> {
              ArrayNode values = root.putArray("Count");
              for (int i = 0; i < 101; i++) {
                values.add(i);
              }
            }),
        rule(
            "unit not CloudWatch's",
            "is not a CloudWatch unit",
            root -> ((ObjectNode) directive(root).get("Metrics").get(0)).put("Unit", "ms")),
        rule(
            "StorageResolution 5",
            "StorageResolution must be 1 or 60",
            root ->
                ((ObjectNode) directive(root).get("Metrics").get(0)).put("StorageResolution", 5)),
        rule(
            "larger than 1 MB",
            "larger than 1048576 bytes",
            root -> root.put("padding", "x".repeat(1024 * 1024))));
  }

  private static Arguments rule(String name, String problem, Consumer<ObjectNode> breakIt) {
    return Arguments.of(name, problem, breakIt);
  }

  @Test
  void validDocument_isExtracted() {
    EmfResult result = cloudWatch.logs().accept(LOG_GROUP, valid().toString());

    // Time under two sets (2 values) and Count's two values under two sets (4 values)
    assertThat(result).isEqualTo(new EmfResult(EmfResult.Outcome.EXTRACTED, 6, ""));
    assertThat(cloudWatch.usage().metrics()).isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenRules")
  void documentBreakingARule_isRejected_andAddsNoMetric(
      String rule, String problem, Consumer<ObjectNode> breakIt) {
    ObjectNode document = valid();
    breakIt.accept(document);

    EmfResult result = cloudWatch.logs().accept(LOG_GROUP, document.toString());

    assertThat(result.outcome()).isEqualTo(EmfResult.Outcome.REJECTED);
    assertThat(result.problem()).contains(problem);
    // the only metric is CloudWatch's own count of the rejected document
    assertThat(cloudWatch.usage().metrics()).isOne();
    assertThat(cloudWatch.usage().emfDocumentsRejected()).isOne();
  }

  @Test
  void rejectedDocuments_areCountedInEmfValidationErrorsByLogGroup() throws Exception {
    ObjectNode document = valid();
    document.remove("Time");
    cloudWatch.logs().accept(LOG_GROUP, document.toString());
    cloudWatch.logs().accept(LOG_GROUP, "{\"_aws\": {\"Timestamp\": 1,");

    try (var client = CloudWatchTestSupport.sdk(cloudWatch)) {
      for (String metric : new String[] {"EMFValidationErrors", "EMFParsingErrors"}) {
        assertThat(
                client
                    .getMetricStatistics(
                        r ->
                            r.namespace("AWS/Logs")
                                .metricName(metric)
                                .dimensions(
                                    software.amazon.awssdk.services.cloudwatch.model.Dimension
                                        .builder()
                                        .name("LogGroupName")
                                        .value(LOG_GROUP)
                                        .build())
                                .startTime(NOW.minusSeconds(600))
                                .endTime(NOW.plusSeconds(60))
                                .period(60)
                                .statistics(
                                    software.amazon.awssdk.services.cloudwatch.model.Statistic.SUM))
                    .datapoints())
            .as(metric)
            .singleElement()
            .satisfies(datapoint -> assertThat(datapoint.sum()).isEqualTo(1.0));
      }
    }
  }
}
