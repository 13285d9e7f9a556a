package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.OperationRouter;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A whole handler on the router and the pipeline, as a user writes one; kept compiling here. */
class HandlerExampleTest {

  public static class GreetingFunction
      implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    record GreetParams(String name, Integer times) {
      static final IntRange TIMES = IntRange.of("times", 1, 10).withDefault(1);

      GreetParams {
        name = name == null ? "world" : name;
        times = TIMES.validate(times);
      }
    }

    private final ApiGatewayPipeline pipeline =
        ApiGatewayPipeline.builder(
                OperationRouter.builder()
                    .operation(
                        "greet",
                        GreetParams.class,
                        (params, context) ->
                            Map.of(
                                "greeting",
                                ("hello " + params.name() + " ").repeat(params.times()).strip()))
                    .defaultOperation("greet")
                    .build())
            .build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(
        APIGatewayProxyRequestEvent event, Context context) {
      return pipeline.handle(event, context);
    }
  }

  @Test
  void handleRequest_queryParameters_answerTheGreeting() throws IOException {
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent()
            .withHttpMethod("GET")
            .withQueryStringParameters(Map.of("name", "lambda", "times", "2"));

    APIGatewayProxyResponseEvent response = new GreetingFunction().handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.getBody());
    assertThat(body.at("/result/greeting").asText()).isEqualTo("hello lambda hello lambda");
  }

  @Test
  void handleRequest_outOfRange_is400NamingTheField() throws IOException {
    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent().withBody("{\"times\": 11}");

    APIGatewayProxyResponseEvent response = new GreetingFunction().handleRequest(event, null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(response.getBody()).get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer from 1 to 10, got 11");
  }
}
