package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The performance function invoked directly (no API stage) through its stream entry point, {@code
 * ::handleStream}, in a real execution environment under the Lambda runtime interface client: a
 * {@code body} given as a JSON object runs the operation, and an event that is no proxy event is
 * the function's 400 naming the field, not a runtime deserialization error.
 */
class PerformanceFunctionDirectInvokeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static LocalLambda lambda;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(60)).build();
    lambda.deploy(
        FunctionConfig.builder(
                "performance-stream",
                PerformanceFunction.class.getName() + "::handleStream",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(30))
            .environmentVariable(
                PerformanceFunction.EXTERNAL_URL_VARIABLE, "http://127.0.0.1:1/uuid")
            .build());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
    }
  }

  /** The response event the function answered; fails on a function error. */
  private static JsonNode invoke(String event) throws IOException {
    InvokeResult result = lambda.invoke(InvokeRequest.of("performance-stream", event));
    String payload = new String(result.payload(), StandardCharsets.UTF_8);
    assertThat(result.functionError()).as(payload).isEmpty();
    return JSON.readTree(payload);
  }

  @Test
  void handleStream_bodyAsJsonObject_runsTheOperation() throws IOException {
    JsonNode response =
        invoke("{\"body\": {\"operation\": \"cpu_intensive\", \"iterations\": 1000}}");

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.get("body").asText());
    assertThat(body.at("/result/result").asLong()).isEqualTo(332_833_500L);
  }

  @Test
  void handleStream_parametersAtTheTopLevel_answers400NamingTheField() throws IOException {
    JsonNode response = invoke("{\"operation\": \"cpu_intensive\", \"iterations\": 1000}");

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(JSON.readTree(response.get("body").asText()).get("error").asText())
        .startsWith(
            "The request event is not an API Gateway proxy event: 'operation' is none of its fields");
  }
}
