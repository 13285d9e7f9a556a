package dev.perfkit.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The cold-start benchmark's handlers answer its first request alike. */
class ColdStartVariantsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bareHandler_answersTheFirstRequestLikePerformanceFunction() throws Exception {
    JsonNode perfkit = body(firstResponse(ColdStartBenchmark.PERFKIT));
    JsonNode bare = body(firstResponse(ColdStartBenchmark.BARE));

    assertThat(fieldNames(bare.get("result"))).isEqualTo(fieldNames(perfkit.get("result")));
    for (String field : List.of("operation", "iterations", "result")) {
      assertThat(bare.at("/result/" + field).asText())
          .as(field)
          .isEqualTo(perfkit.at("/result/" + field).asText());
    }
    assertThat(bare.at("/result/result").asLong()).isEqualTo(332_833_500L);
    assertThat(fieldNames(perfkit.get("performance")))
        .containsAll(fieldNames(bare.get("performance")));
    assertThat(bare.at("/performance/cold_start").asBoolean()).isTrue();
  }

  @Test
  void perfkitWithDynamoDbClient_answersTheFirstRequest() throws Exception {
    APIGatewayProxyResponseEvent response =
        firstResponse(ColdStartBenchmark.PERFKIT_WITH_DYNAMODB_CLIENT);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(body(response).at("/result/operation").asText()).isEqualTo("cpu_intensive");
  }

  @Test
  void bareHandler_buildsItsDynamoDbClientInTheLabsRegion() {
    BareHandler handler = new BareHandler();

    assertThat(handler.dynamo().serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
  }

  @Test
  void check_failsTheFork_whenTheFirstRequestIsNotAnswered200() throws Exception {
    ColdStartBenchmark.FirstRequest request = new ColdStartBenchmark.FirstRequest();
    request.body = "{\"operation\": \"memory_test\"}";
    request.prepare();

    request.firstResponse(ColdStartBenchmark.BARE);

    assertThatThrownBy(request::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("operation must be cpu_intensive");
  }

  private static APIGatewayProxyResponseEvent firstResponse(String handlerClass)
      throws ReflectiveOperationException {
    ColdStartBenchmark.FirstRequest request = new ColdStartBenchmark.FirstRequest();
    request.prepare();
    APIGatewayProxyResponseEvent response = request.firstResponse(handlerClass);
    request.check();
    return response;
  }

  private static JsonNode body(APIGatewayProxyResponseEvent response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.getBody(), e);
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new HashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
