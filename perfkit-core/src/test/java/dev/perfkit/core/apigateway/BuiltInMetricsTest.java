package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which metrics the pipeline writes: a selection of its own, the operations' always, or none. */
class BuiltInMetricsTest {

  record NoParams() {}

  private static final Instant JVM_START = Instant.parse("2025-11-26T14:00:00Z");

  private final ObjectMapper json = new ObjectMapper();
  private final CapturedEmf documents = new CapturedEmf();

  private ApiGatewayPipeline.Builder pipeline(Map<String, String> variables) {
    Environment environment = Environment.of(variables);
    return ApiGatewayPipeline.builder(
            OperationRouter.builder()
                .operation(
                    "greet",
                    NoParams.class,
                    (params, context) -> {
                      context.metrics().put("Greetings", 1, MetricUnit.COUNT);
                      return Map.of("greeting", "hello");
                    })
                .build())
        .environment(environment)
        .metrics(ApiGatewayPipeline.standardEmitter(environment, documents))
        .coldStarts(
            ColdStartTracker.create(environment, Clock.fixed(JVM_START, ZoneOffset.UTC), JVM_START))
        .residentMemoryBytes(() -> 1024L * 1024L);
  }

  private static APIGatewayProxyResponseEvent greet(ApiGatewayPipeline pipeline) {
    return pipeline.handle(
        new APIGatewayProxyRequestEvent().withBody("{\"operation\": \"greet\"}"),
        LambdaTestContext.of("metrics-fn"));
  }

  @Test
  void handle_byDefault_writesEveryBuiltInMetricOfAColdSuccess() {
    greet(pipeline(Map.of()).build());

    assertThat(CapturedEmf.metricNames(documents.single()))
        .containsExactlyInAnyOrder(
            "ColdStarts",
            "OperationTime",
            "SuccessfulInvocations",
            "ExecutionTime",
            "RemainingTime",
            "MemoryUtilization",
            "Greetings");
  }

  @Test
  void handle_selection_writesOnlyTheSelectedAndTheOperationsOwn() {
    ApiGatewayPipeline pipeline =
        pipeline(Map.of())
            .builtInMetrics(EnumSet.of(BuiltInMetric.ERRORS, BuiltInMetric.EXECUTION_TIME))
            .build();

    greet(pipeline);

    JsonNode document = documents.single();
    assertThat(CapturedEmf.metricNames(document))
        .containsExactlyInAnyOrder("ExecutionTime", "Greetings");
    assertThat(document.get("FunctionName").asText()).isEqualTo("metrics-fn");
    assertThat(document.get("Operation").asText()).isEqualTo("greet");
    assertThat(document.has("ColdStarts")).isFalse();
    assertThat(document.has("SuccessfulInvocations")).isFalse();
  }

  @Test
  void handle_selectionOfErrors_writesErrorsOfAFailure() {
    ApiGatewayPipeline pipeline =
        pipeline(Map.of()).builtInMetrics(EnumSet.of(BuiltInMetric.ERRORS)).build();

    pipeline.handle(
        new APIGatewayProxyRequestEvent().withBody("{\"operation\": \"fly\"}"),
        LambdaTestContext.of("metrics-fn"));

    JsonNode document = documents.single();
    assertThat(CapturedEmf.metricNames(document)).containsExactly("Errors");
    assertThat(document.get("ErrorType").asText()).isEqualTo("UnknownOperation");
  }

  @Test
  void handle_emptySelection_writesOnlyTheOperationsOwnMetrics() {
    greet(pipeline(Map.of()).builtInMetrics(Set.of()).build());

    assertThat(CapturedEmf.metricNames(documents.single())).containsExactly("Greetings");
  }

  @Test
  void handle_metricsDisabledByEnvironment_writesNoDocument() throws IOException {
    ApiGatewayPipeline pipeline = pipeline(Map.of("PERFKIT_METRICS_DISABLED", "true")).build();

    APIGatewayProxyResponseEvent response = greet(pipeline);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json.readTree(response.getBody()).at("/result/greeting").asText())
        .isEqualTo("hello");
    assertThat(documents.texts()).isEmpty();
  }

  @Test
  void handle_metricsDisabledFalse_writesTheDocument() {
    greet(pipeline(Map.of("PERFKIT_METRICS_DISABLED", "false")).build());

    assertThat(documents.all()).hasSize(1);
  }

  @Test
  void build_metricsDisabledNeitherTrueNorFalse_failsNamingTheVariable() {
    ApiGatewayPipeline.Builder builder = pipeline(Map.of("PERFKIT_METRICS_DISABLED", "yes"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PERFKIT_METRICS_DISABLED must be true or false, got 'yes'");
  }

  @Test
  void builtInMetrics_setTwice_failsNamingTheOption() {
    ApiGatewayPipeline.Builder builder = pipeline(Map.of()).builtInMetrics(Set.of());

    assertThatThrownBy(() -> builder.builtInMetrics(Set.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("builtInMetrics was already set");
  }
}
