package dev.perfkit.bench.operations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** API Gateway proxy requests as they reach the function: a POST with a JSON body. */
final class Requests {

  private Requests() {}

  static APIGatewayProxyRequestEvent post(ObjectNode body) {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/performance")
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(body.toString());
  }
}
