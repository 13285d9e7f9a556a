package dev.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "use perfkit-core in your handler" example, compiled and invoked as written. */
class ReadmeExampleTest {

  @TempDir static Path classes;

  private static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;

  @BeforeAll
  static void compileTheExample() throws Exception {
    handler = ReadmeExample.handler(ReadmeExample.block("core"), classes);
  }

  @Test
  void example_greets_asTheReadmeSays() throws IOException {
    JsonNode body = invoke("{\"name\": \"lambda\", \"times\": 2}");

    assertThat(body.at("/result/greeting").asText()).isEqualTo("hello lambda hello lambda");
    assertThat(body.at("/performance/cold_start").isBoolean()).isTrue();
  }

  @Test
  void example_outOfRange_answers400AsTheReadmeSays() throws IOException {
    JsonNode body = invoke("{\"times\": 11}");

    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer from 1 to 10, got 11");
  }

  private static JsonNode invoke(String json) throws IOException {
    Context noContext = null;
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(json), noContext);
    return new ObjectMapper().readTree(response.getBody());
  }
}
