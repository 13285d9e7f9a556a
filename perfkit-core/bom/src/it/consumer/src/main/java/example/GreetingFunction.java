package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.core.apigateway.ApiGatewayPipeline;
import dev.perfkit.core.routing.OperationRouter;
import java.util.Map;

/** A function built on perfkit-core from its published artifacts alone. */
public class GreetingFunction
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  record Greet(String name) {}

  private final ApiGatewayPipeline pipeline =
      ApiGatewayPipeline.builder(
              OperationRouter.builder()
                  .operation(
                      "greet",
                      Greet.class,
                      (greet, context) -> Map.of("greeting", "hello " + greet.name()))
                  .defaultOperation("greet")
                  .build())
          .build();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return pipeline.handle(event, context);
  }
}
