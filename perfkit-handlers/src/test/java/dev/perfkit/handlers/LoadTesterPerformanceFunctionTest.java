package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.testing.InvokeApiServer;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lab's pairing: the load tester drives the real PerformanceFunction behind the local Invoke
 * API, through the SDK's LambdaClient, and counts what the function answered.
 */
class LoadTesterPerformanceFunctionTest {

  private static final String TARGET = "performance-function";

  private LoadTesterFixture fixture;
  private ClientRegistry targetClients;

  @BeforeEach
  void deployThePerformanceFunction() {
    fixture = new LoadTesterFixture();
    targetClients = ClientRegistry.builder(Environment.of(Map.of())).build();
    PerformanceFunction function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(Environment.of(Map.of()), targetClients)
                .metricsSink(MetricsSink.of(OutputStream.nullOutputStream()))
                .build());
    fixture.server.register(
        TARGET,
        InvokeApiServer.apiGateway(
            function, invocation -> LambdaTestContext.of(TARGET, Duration.ofMinutes(1))));
  }

  @AfterEach
  void stop() {
    fixture.close();
    targetClients.close();
  }

  @Test
  void handleRequest_againstPerformanceFunction_countsEveryAnswerAsSuccess() {
    JsonNode results =
        fixture
            .handle(loadTest(Map.of("operation", "cpu_intensive", "iterations", 5000)))
            .results();

    assertThat(results.get("successful_requests").asLong()).isEqualTo(40);
    assertThat(results.get("failed_requests").asLong()).isZero();
    assertThat(fixture.server.invocations(TARGET)).hasSize(40);
  }

  @Test
  void handleRequest_performanceFunctionAnswers400_countsEachAsFailureWithItsError() {
    JsonNode results =
        fixture.handle(loadTest(Map.of("operation", "cpu_intensive", "iterations", -1))).results();

    assertThat(results.get("successful_requests").asLong()).isZero();
    assertThat(results.get("failed_requests").asLong()).isEqualTo(40);
    assertThat(results.get("errors")).hasSize(5);
    assertThat(results.get("errors").get(0).toString()).contains("400");
  }

  private static String loadTest(Map<String, Object> testPayload) {
    return LoadTesterFixture.json(
        Map.of(
            "concurrentRequests",
            4,
            "totalRequests",
            40,
            "targetFunction",
            TARGET,
            "testPayload",
            testPayload));
  }
}
