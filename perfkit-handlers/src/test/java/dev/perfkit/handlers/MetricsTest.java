package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static dev.perfkit.handlers.PerformanceEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The EMF document of each invocation, as CloudWatch would read it from the log. */
class MetricsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CapturedEmf emf = new CapturedEmf();
  private ClientRegistry clients;
  private PerformanceFunction function;

  @BeforeEach
  void start() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    Environment environment =
        Environment.of(
            Map.of(
                "PERFKIT_NAMESPACE",
                "PerfkitMetricsTest",
                PerformanceFunction.EXTERNAL_URL_VARIABLE,
                "http://127.0.0.1:" + deadPort + "/"));
    clients = ClientRegistry.builder(environment).build();
    function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(emf)
                .build());
  }

  @AfterEach
  void stop() {
    clients.close();
  }

  private APIGatewayProxyResponseEvent call(String body) {
    return function.handleRequest(post(body), LambdaTestContext.of(FUNCTION_NAME));
  }

  @Test
  void handleRequest_writesOneDocumentPerInvocation_withBothDimensionSets() {
    call("{\"operation\": \"cpu_intensive\", \"iterations\": 100}");

    assertThat(emf.all()).hasSize(1);
    JsonNode document = emf.last();
    JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("PerfkitMetricsTest");
    assertThat(directive.get("Dimensions"))
        .isEqualTo(
            JSON.valueToTree(
                List.of(List.of("FunctionName"), List.of("FunctionName", "Operation"))));
    assertThat(document.get("FunctionName").asText()).isEqualTo(FUNCTION_NAME);
    assertThat(document.get("Operation").asText()).isEqualTo("cpu_intensive");
    assertThat(CapturedEmf.metricNames(document))
        .contains("ExecutionTime", "SuccessfulInvocations", "CPUIntensiveTime", "RemainingTime");
  }

  @Test
  void handleRequest_coldStart_isCountedOnTheFirstInvocationOnly() {
    call("{\"operation\": \"cpu_intensive\"}");
    call("{\"operation\": \"cpu_intensive\"}");

    List<JsonNode> documents = emf.all();
    assertThat(documents).hasSize(2);
    assertThat(CapturedEmf.metricNames(documents.get(0))).contains("ColdStarts", "ExecutionTime");
    assertThat(documents.get(0).get("ColdStarts").asInt()).isEqualTo(1);
    assertThat(CapturedEmf.metricNames(documents.get(1)))
        .contains("ExecutionTime")
        .doesNotContain("ColdStarts");
  }

  @Test
  void handleRequest_badInput_recordsAnErrorUnderTheUnresolvedOperation() {
    call("{\"operation\": \"no_such_operation\"}");

    JsonNode document = emf.last();
    assertThat(CapturedEmf.metricNames(document)).contains("Errors", "ExecutionTime");
    assertThat(document.get("Operation").asText()).isEqualTo("unresolved");
    assertThat(document.get("ErrorType").asText()).isEqualTo("UnknownOperation");
  }

  static Stream<String> operations() {
    return LabMetrics.operationTimes().keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("operations")
  void operationTimes_eachOperation_recordsItsTimeMetricWithTheDeclaredUnit(String operation) {
    call("{\"operation\": \"" + operation + "\"}");

    LabMetrics.Metric time = LabMetrics.operationTimes().get(operation);
    JsonNode document = emf.last();
    assertThat(document.get("Operation").asText()).isEqualTo(operation);
    assertThat(unitOf(document, time.name())).isEqualTo(time.unit().cloudWatchName());
  }

  @Test
  void invocationMetrics_eachIsWrittenWithTheDeclaredUnit() {
    call("{\"operation\": \"cpu_intensive\"}");

    JsonNode document = emf.last();
    for (LabMetrics.Metric metric : LabMetrics.invocationMetrics()) {
      if (!metric.equals(LabMetrics.ERRORS)) {
        assertThat(unitOf(document, metric.name()))
            .as(metric.name())
            .isEqualTo(metric.unit().cloudWatchName());
      }
    }
  }

  @Test
  void emitter_withoutNamespaceVariable_usesTheLabsNamespaceAndDimensionSets() {
    MetricsEmitter emitter = LabMetrics.emitter(Environment.of(Map.of()), new CapturedEmf());

    assertThat(emitter.namespace()).isEqualTo("HighPerformance");
    assertThat(emitter.dimensionSets()).isEqualTo(LabMetrics.DIMENSION_SETS);
  }

  @Test
  void all_namesEveryMetricOnce_countsBySumAndTimesByAverage() {
    List<String> names = LabMetrics.all().stream().map(LabMetrics.Metric::name).toList();

    assertThat(names).doesNotHaveDuplicates().hasSize(14);
    assertThat(LabMetrics.all())
        .allSatisfy(
            metric ->
                assertThat(metric.statistic())
                    .isEqualTo(metric.unit() == MetricUnit.COUNT ? "Sum" : "Average"));
  }

  private static String unitOf(JsonNode document, String metric) {
    for (JsonNode declared : document.at("/_aws/CloudWatchMetrics/0/Metrics")) {
      if (declared.get("Name").asText().equals(metric)) {
        return declared.path("Unit").asText();
      }
    }
    throw new AssertionError(metric + " is not in " + document);
  }
}
