package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static dev.perfkit.handlers.PerformanceEvents.body;
import static dev.perfkit.handlers.PerformanceEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuIntensiveTest {

  private static ClientRegistry clients;
  private static PerformanceFunction function;

  @BeforeAll
  static void start() {
    Environment environment = Environment.of(Map.of());
    clients = ClientRegistry.builder(environment).build();
    function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(new CapturedEmf())
                .build());
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  /** n(n-1)(2n-1)/6: the sum of i*i for 0 <= i < n. */
  private static BigInteger closedForm(long n) {
    BigInteger big = BigInteger.valueOf(n);
    return big.multiply(big.subtract(BigInteger.ONE))
        .multiply(big.shiftLeft(1).subtract(BigInteger.ONE))
        .divide(BigInteger.valueOf(6));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 1000, 3_000_000, 3_100_000, 4_000_000, 12_345_678})
  void sumOfSquaresBelow_matchesTheClosedForm(int n) {
    assertThat(CpuIntensive.sumOfSquaresBelow(n)).isEqualTo(closedForm(n));
  }

  @Test
  void handleRequest_tenMillionIterations_returnsTheExactSumBeyondLong() {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            post("{\"operation\": \"cpu_intensive\", \"iterations\": 10000000}"),
            LambdaTestContext.of(FUNCTION_NAME));

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode result = body(response).get("result");
    assertThat(result.get("result").isIntegralNumber()).isTrue();
    assertThat(result.get("result").bigIntegerValue())
        .isEqualTo(new BigInteger("333333283333335000000"))
        .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(result.get("operation").asText()).isEqualTo("cpu_intensive");
    assertThat(result.get("iterations").asInt()).isEqualTo(10_000_000);
    assertThat(result.get("cpu_time_ms").isNumber()).isTrue();
    assertThat(result.get("operations_per_second").asDouble()).isPositive();
    assertThat(response.getBody()).containsPattern("\"operations_per_second\":\\d+\\.\\d{1,2}[,}]");
  }

  @Test
  void handleRequest_queryStringOfAGet_isReadLikeABody() {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            PerformanceEvents.load("performance-get-cpu.json"),
            LambdaTestContext.of(FUNCTION_NAME));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(body(response).at("/result/result").bigIntegerValue())
        .isEqualTo(new BigInteger("333333283333335000000"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void handleRequest_zeroOrOneIteration_sumsToZero(int iterations) {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            post("{\"operation\": \"cpu_intensive\", \"iterations\": " + iterations + "}"),
            LambdaTestContext.of(FUNCTION_NAME));

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode result = body(response).get("result");
    assertThat(result.get("result").isIntegralNumber()).isTrue();
    assertThat(result.get("result").bigIntegerValue()).isZero();
    assertThat(result.get("iterations").asInt()).isEqualTo(iterations);
  }

  @Test
  void handleRequest_noIterations_usesTheLabsDefaultOf1000() {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            post("{\"operation\": \"cpu_intensive\"}"), LambdaTestContext.of(FUNCTION_NAME));

    JsonNode result = body(response).get("result");
    assertThat(result.get("iterations").asInt()).isEqualTo(1000);
    assertThat(result.get("result").longValue()).isEqualTo(332_833_500L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "100000001", "\"many\"", "1.5"})
  void handleRequest_iterationsOutOfRange_is400NamingFieldAndRange(String iterations) {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            post("{\"operation\": \"cpu_intensive\", \"iterations\": " + iterations + "}"),
            LambdaTestContext.of(FUNCTION_NAME));

    assertThat(response.getStatusCode()).isEqualTo(400);
    JsonNode error = body(response);
    assertThat(error.get("field").asText()).isEqualTo("iterations");
    assertThat(error.get("error").asText())
        .contains("'iterations'")
        .contains("an integer from 0 to 100000000");
  }
}
