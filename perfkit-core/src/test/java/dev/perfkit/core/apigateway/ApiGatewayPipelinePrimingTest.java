package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link ApiGatewayPipeline#prime}: the whole route served, no metric, the cold start kept. */
class ApiGatewayPipelinePrimingTest {

  record Greet(String name) {}

  private final ObjectMapper json = new ObjectMapper();
  private final CapturedEmf documents = new CapturedEmf();
  private final List<String> greeted = new CopyOnWriteArrayList<>();
  private final Environment environment = Environment.of(Map.of("PERFKIT_NAMESPACE", "Priming"));
  private final ColdStartTracker coldStarts =
      ColdStartTracker.create(environment, Clock.systemUTC(), Instant.now());
  private final ApiGatewayPipeline pipeline =
      ApiGatewayPipeline.builder(
              OperationRouter.builder()
                  .operation(
                      "greet",
                      Greet.class,
                      (greet, context) -> {
                        greeted.add(greet.name());
                        return Map.of("greeting", "hello " + greet.name());
                      })
                  .defaultOperation("greet")
                  .build())
          .environment(environment)
          .metrics(ApiGatewayPipeline.standardEmitter(environment, documents))
          .coldStarts(coldStarts)
          .build();

  @Test
  void prime_validRequest_bindsAndRunsTheOperation() throws IOException {
    APIGatewayProxyResponseEvent answer = pipeline.prime(post("{\"name\": \"priming\"}"));

    assertThat(answer.getStatusCode()).isEqualTo(200);
    assertThat(body(answer).at("/result/greeting").asText()).isEqualTo("hello priming");
    assertThat(greeted).containsExactly("priming");
  }

  @Test
  void prime_validRequest_writesNoMetrics() {
    pipeline.prime(post("{\"name\": \"priming\"}"));

    assertThat(documents.all()).isEmpty();
  }

  @Test
  void firstInvocationAfterPrime_reportsTheColdStart() throws IOException {
    pipeline.prime(post("{\"name\": \"priming\"}"));

    APIGatewayProxyResponseEvent answer =
        pipeline.handle(post("{\"name\": \"lambda\"}"), context());

    assertThat(body(answer).at("/performance/cold_start").asBoolean()).isTrue();
    JsonNode document = documents.single();
    assertThat(document.get("ColdStarts").asDouble()).isEqualTo(1);
    assertThat(document.get("ColdStart").asBoolean()).isTrue();
    assertThat(document.get("SuccessfulInvocations").asDouble()).isEqualTo(1);
  }

  @Test
  void prime_requestAnsweredWithAnError_failsNamingTheAnswer() {
    assertThatThrownBy(() -> pipeline.prime(post("{\"name\": ")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the priming request was answered 400: ");
    assertThat(documents.all()).isEmpty();
  }

  @Test
  void prime_nullEvent_isRejected() {
    assertThatThrownBy(() -> pipeline.prime(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  private static APIGatewayProxyRequestEvent post(String body) {
    return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body);
  }

  private static LambdaTestContext context() {
    return LambdaTestContext.of("greeter", Duration.ofSeconds(30)).withRequestId("req-1");
  }

  private JsonNode body(APIGatewayProxyResponseEvent answer) throws IOException {
    return json.readTree(answer.getBody());
  }
}
