package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events of a direct invocation (`aws lambda invoke`, the SDK) through the stream entry point: a
 * proxy event is served whether its body is text or an object; anything else is a 400 naming the
 * field, never a deserialization error of the runtime.
 */
class DirectInvokeTest {

  record Echo(String text) {}

  private final ObjectMapper json = new ObjectMapper();
  private final ApiGatewayPipeline pipeline =
      ApiGatewayPipeline.builder(
              OperationRouter.builder()
                  .operation("echo", Echo.class, (params, context) -> params)
                  .operation("ping", Echo.class, (params, context) -> "pong")
                  .defaultOperation("ping")
                  .build())
          .environment(Environment.of(Map.of()))
          .metrics(ApiGatewayPipeline.standardEmitter(Environment.of(Map.of()), new CapturedEmf()))
          .build();

  /** The response event's status and its parsed body. */
  private record Response(int status, JsonNode body) {}

  private Response invoke(String event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    pipeline.handle(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        output,
        LambdaTestContext.of("direct-fn"));
    JsonNode response = json.readTree(output.toByteArray());
    return new Response(
        response.get("statusCode").asInt(), json.readTree(response.get("body").asText()));
  }

  @Test
  void handleStream_bodyAsObject_isServed() throws IOException {
    Response response = invoke("{\"body\": {\"operation\": \"echo\", \"text\": \"hi\"}}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("result")).isEqualTo(json.readTree("{\"text\":\"hi\"}"));
  }

  @Test
  void handleStream_parametersAtTheTopLevel_is400NamingTheField() throws IOException {
    Response response = invoke("{\"operation\": \"echo\", \"text\": \"hi\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("error_type").asText()).isEqualTo("MalformedRequest");
    assertThat(response.body().get("field").asText()).isEqualTo("operation");
    assertThat(response.body().get("error").asText())
        .isEqualTo(
            "The request event is not an API Gateway proxy event: 'operation' is none of its"
                + " fields; send the request as its body, e.g. {\"body\": {\"operation\":"
                + " \"...\"}}");
  }

  @Test
  void handleStream_eventOfAnotherSource_is400NamingItsField() throws IOException {
    Response response = invoke("{\"Records\": [{\"messageId\": \"1\", \"body\": \"{}\"}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("Records");
  }

  @Test
  void handleStream_bodyAsNumber_is400NamingTheBody() throws IOException {
    Response response = invoke("{\"body\": 5}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("body");
  }

  @Test
  void handleStream_bodyWithAMistypedParameter_is400NamingTheParameter() throws IOException {
    Response response = invoke("{\"body\": {\"operation\": \"echo\", \"text\": 5}}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("field").asText()).isEqualTo("text");
  }

  @Test
  void handleStream_httpApiEvent_isServed() throws IOException {
    Response response =
        invoke(
            "{\"version\": \"2.0\", \"routeKey\": \"POST /echo\", \"rawPath\": \"/echo\","
                + " \"body\": \"{\\\"operation\\\": \\\"echo\\\", \\\"text\\\": \\\"hi\\\"}\","
                + " \"isBase64Encoded\": false}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().at("/result/text").asText()).isEqualTo("hi");
  }

  @Test
  void handleStream_emptyEvent_runsTheDefaultOperation() throws IOException {
    Response response = invoke("{}");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("result").asText()).isEqualTo("pong");
  }
}
