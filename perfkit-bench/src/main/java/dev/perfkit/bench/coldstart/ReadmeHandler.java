package dev.perfkit.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.core.apigateway.ApiGatewayPipeline;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.OperationRouter;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The README's handler ({@code GreetingFunction}, "Use perfkit-core in your handler"), copied as
 * written; {@link Primed} adds the README's SnapStart lines. {@code ReadmeHandlerTest} checks the
 * copy.
 */
public class ReadmeHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  record Greet(String name, Integer times) {
    static final IntRange TIMES = IntRange.of("times", 1, 10).withDefault(1);

    Greet {
      name = name == null ? "world" : name;
      times = TIMES.validate(times);
    }
  }

  // Once per execution environment: pooled, shared, closed with the environment.
  private final DynamoDbClient dynamo = ClientRegistry.shared().client(DynamoDbClient.class);

  private final ApiGatewayPipeline pipeline =
      ApiGatewayPipeline.builder(
              OperationRouter.builder()
                  .operation(
                      "greet",
                      Greet.class,
                      (greet, context) -> {
                        context.metrics().put("Greetings", greet.times(), MetricUnit.COUNT);
                        return Map.of(
                            "greeting",
                            ("hello " + greet.name() + " ").repeat(greet.times()).strip());
                      })
                  .operation(
                      "tables",
                      Greet.class,
                      (greet, context) -> Map.of("tables", dynamo.listTables().tableNames()))
                  .defaultOperation("greet")
                  .build())
          .build();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return pipeline.handle(event, context);
  }

  /** The README's handler with its SnapStart lines: the pipeline primed in the constructor. */
  public static class Primed extends ReadmeHandler {

    /** Primes as the README's constructor does. */
    public Primed() {
      super.pipeline.prime(
          new APIGatewayProxyRequestEvent()
              .withHttpMethod("POST")
              .withBody("{\"name\": \"priming\"}"));
    }
  }
}
