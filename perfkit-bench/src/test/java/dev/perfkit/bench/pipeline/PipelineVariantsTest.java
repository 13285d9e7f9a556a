package dev.perfkit.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.bench.FunctionUnderTest;
import dev.perfkit.core.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline benchmark compares like with like: perfkit's function and the lab's port answer the
 * benchmark's request with the same result and the lab's envelope, and write their metrics.
 */
class PipelineVariantsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream perfkitEmf = new ByteArrayOutputStream();
  private final ByteArrayOutputStream labEmf = new ByteArrayOutputStream();
  private final FunctionUnderTest perfkit =
      new FunctionUnderTest(Environment.of(Map.of()), perfkitEmf);
  private final LabHandler lab =
      new LabHandler(new PrintStream(labEmf, true, StandardCharsets.UTF_8));
  private final PipelineOverheadBenchmark.Request request = request();

  @AfterEach
  void close() {
    perfkit.close();
  }

  @Test
  void bothVariants_answerTheTrivialOperationWithTheSameResult() {
    APIGatewayProxyResponseEvent perfkitResponse = callPerfkit();
    APIGatewayProxyResponseEvent labResponse = callLab();

    assertThat(perfkitResponse.getStatusCode()).isEqualTo(200);
    assertThat(labResponse.getStatusCode()).isEqualTo(200);
    assertThat(labResponse.getHeaders()).isEqualTo(perfkitResponse.getHeaders());
    JsonNode perfkitResult = parse(perfkitResponse.getBody()).get("result");
    JsonNode labResult = parse(labResponse.getBody()).get("result");
    assertThat(fieldNames(labResult)).isEqualTo(fieldNames(perfkitResult));
    for (String field : List.of("operation", "iterations", "result")) {
      assertThat(labResult.get(field).asText())
          .as(field)
          .isEqualTo(perfkitResult.get(field).asText());
    }
    assertThat(labResult.get("operation").asText()).isEqualTo("cpu_intensive");
    assertThat(labResult.get("iterations").asInt()).isZero();
  }

  @Test
  void perfkitsEnvelope_holdsEveryPerformanceFieldOfTheLabs() {
    JsonNode perfkitPerformance = parse(callPerfkit().getBody()).get("performance");
    JsonNode labPerformance = parse(callLab().getBody()).get("performance");

    assertThat(fieldNames(labPerformance))
        .containsExactlyInAnyOrder(
            "execution_time_ms", "remaining_time_ms", "cold_start", "memory_limit_mb");
    assertThat(fieldNames(perfkitPerformance)).containsAll(fieldNames(labPerformance));
    assertThat(labPerformance.get("memory_limit_mb").asInt())
        .isEqualTo(perfkitPerformance.get("memory_limit_mb").asInt());
  }

  @Test
  void bothVariants_tellTheColdStartFromWarmInvocations() {
    JsonNode perfkitCold = parse(callPerfkit().getBody());
    JsonNode labCold = parse(callLab().getBody());
    JsonNode perfkitWarm = parse(callPerfkit().getBody());
    JsonNode labWarm = parse(callLab().getBody());

    assertThat(perfkitCold.at("/performance/cold_start").asBoolean()).isTrue();
    assertThat(labCold.at("/performance/cold_start").asBoolean()).isTrue();
    assertThat(perfkitWarm.at("/performance/cold_start").asBoolean()).isFalse();
    assertThat(labWarm.at("/performance/cold_start").asBoolean()).isFalse();
  }

  @Test
  void warmInvocation_isOneDocumentForPerfkitAndOnePerMetricForTheLab() {
    callPerfkit();
    callLab();
    perfkitEmf.reset();
    labEmf.reset();

    callPerfkit();
    callLab();

    List<JsonNode> perfkitDocuments = documents(perfkitEmf);
    assertThat(perfkitDocuments).hasSize(1);
    assertThat(metricNames(perfkitDocuments.get(0)))
        .contains(
            "CPUIntensiveTime",
            "ExecutionTime",
            "RemainingTime",
            "MemoryUtilization",
            "SuccessfulInvocations");
    assertThat(documents(labEmf))
        .extracting(PipelineVariantsTest::metricNames)
        .containsExactly(
            List.of("CPUIntensiveTime"),
            List.of("ExecutionTime"),
            List.of("RemainingTime"),
            List.of("MemoryUtilization"),
            List.of("SuccessfulInvocations"));
  }

  @Test
  void labPort_answers500WithAnErrorsMetric_forAnOperationItDoesNotPort() {
    request.body = "{\"operation\": \"memory_test\"}";
    request.prepare();

    APIGatewayProxyResponseEvent response = callLab();

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(parse(response.getBody()).get("error").asText())
        .isEqualTo("operation memory_test is not ported");
    JsonNode errors = documents(labEmf).get(1);
    assertThat(metricNames(errors)).containsExactly("Errors");
    assertThat(errors.get("ErrorType").asText()).isEqualTo("UnsupportedOperationException");
  }

  private APIGatewayProxyResponseEvent callPerfkit() {
    return perfkit.handleRequest(request.event, request.context);
  }

  private APIGatewayProxyResponseEvent callLab() {
    return lab.handleRequest(request.event, request.context);
  }

  private static PipelineOverheadBenchmark.Request request() {
    PipelineOverheadBenchmark.Request request = new PipelineOverheadBenchmark.Request();
    request.prepare();
    return request;
  }

  private static List<JsonNode> documents(ByteArrayOutputStream emf) {
    List<JsonNode> documents = new ArrayList<>();
    for (String line : emf.toString(StandardCharsets.UTF_8).split("\n")) {
      documents.add(parse(line));
    }
    return documents;
  }

  private static List<String> metricNames(JsonNode document) {
    List<String> names = new ArrayList<>();
    document
        .at("/_aws/CloudWatchMetrics/0/Metrics")
        .forEach(metric -> names.add(metric.get("Name").asText()));
    return names;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
