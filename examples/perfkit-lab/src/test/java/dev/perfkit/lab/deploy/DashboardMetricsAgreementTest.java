package dev.perfkit.lab.deploy;

import static dev.perfkit.lab.deploy.RenderedTemplate.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's custom-metric widget against what the performance function really emits: a
 * CloudWatch graph shows data only for a metric published under exactly the dimensions it asks for
 * (the lab's graph stayed empty for that reason).
 */
class DashboardMetricsAgreementTest {

  private static final LabStack STACK = LabStack.forUser("user3", ColdStartMode.NONE);

  @Test
  void customWidget_asksOnlyForMetricsThePerformanceFunctionEmitsWithThoseDimensions()
      throws Exception {
    JsonNode rows =
        JSON.readTree(DashboardBody.render(STACK, "us-east-1")).at("/widgets/3/properties/metrics");
    List<JsonNode> documents = emfOfOneColdInvocation();
    List<String> missing = new ArrayList<>();
    for (JsonNode row : rows) {
      String metric = row.get(1).asText();
      Map<String, String> dimensions = Map.of(row.get(2).asText(), row.get(3).asText());
      if (!emitted(documents, row.get(0).asText(), metric, dimensions)) {
        missing.add(metric + " " + dimensions);
      }
    }

    assertThat(rows).hasSize(3);
    assertThat(missing).as("asked for by the dashboard, never emitted so").isEmpty();
  }

  @Test
  void emitted_theLabsDocumentWithFourDimensionsOnly_doesNotServeTheWidget() throws Exception {
    JsonNode labDocument =
        JSON.readTree(
            "{\"_aws\":{\"Timestamp\":1764165600000,"
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"HighPerformance\",\"Dimensions\":"
                + "[[\"FunctionName\",\"Operation\",\"DataSize\",\"MemorySize\"]],\"Metrics\":"
                + "[{\"Name\":\"ExecutionTime\",\"Unit\":\"Milliseconds\"}]}]},"
                + "\"FunctionName\":\"user3-performance-function\",\"Operation\":\"cpu_intensive\","
                + "\"DataSize\":\"small\",\"MemorySize\":\"1024\",\"ExecutionTime\":12.5}");

    assertThat(
            emitted(
                List.of(labDocument),
                "HighPerformance",
                "ExecutionTime",
                Map.of("FunctionName", "user3-performance-function")))
        .isFalse();
  }

  /**
   * Whether a document publishes {@code metric} in {@code namespace} under a dimension set of
   * exactly the keys of {@code dimensions}, with those values.
   */
  private static boolean emitted(
      List<JsonNode> documents, String namespace, String metric, Map<String, String> dimensions) {
    for (JsonNode document : documents) {
      if (!document.path(metric).isNumber() && !document.path(metric).isArray()) {
        continue;
      }
      boolean valuesMatch =
          dimensions.entrySet().stream()
              .allMatch(d -> document.path(d.getKey()).asText().equals(d.getValue()));
      for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
        boolean declared =
            directive.path("Namespace").asText().equals(namespace)
                && directive.path("Metrics").findValuesAsText("Name").contains(metric);
        for (JsonNode set : directive.path("Dimensions")) {
          Set<String> keys = new HashSet<>();
          set.forEach(key -> keys.add(key.asText()));
          if (declared && valuesMatch && keys.equals(dimensions.keySet())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Runs the real performance function once, cold, and returns the EMF documents it wrote. */
  private static List<JsonNode> emfOfOneColdInvocation() throws IOException {
    String name = STACK.performanceFunction().name();
    Environment environment =
        Environment.of(Map.of("AWS_LAMBDA_FUNCTION_NAME", name, "AWS_REGION", "us-east-1"));
    List<JsonNode> documents = Collections.synchronizedList(new ArrayList<>());
    try (ClientRegistry clients = ClientRegistry.builder(environment).build()) {
      PerformanceFunction function =
          new PerformanceFunction(
              PerformanceFunction.Configuration.builder(environment, clients)
                  .coldStarts(
                      ColdStartTracker.create(environment, Clock.systemUTC(), Instant.now()))
                  .metricsSink(
                      (bytes, offset, length) ->
                          documents.add(
                              JSON.readTree(
                                  new String(bytes, offset, length, StandardCharsets.UTF_8))))
                  .build());
      APIGatewayProxyRequestEvent request =
          new APIGatewayProxyRequestEvent()
              .withHttpMethod("POST")
              .withPath("/performance")
              .withBody("{\"operation\": \"cpu_intensive\", \"iterations\": 1000}");

      int status = function.handleRequest(request, LambdaTestContext.of(name)).getStatusCode();

      assertThat(status).isEqualTo(200);
    }
    return documents;
  }
}
