package dev.perfkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** API Gateway proxy requests as they reach the function: a POST with a JSON body. */
public final class ProxyRequests {

  private ProxyRequests() {}

  /**
   * A {@code POST /performance} with a JSON body.
   *
   * @param body the JSON body, as text
   * @return the event
   */
  public static APIGatewayProxyRequestEvent post(String body) {
    return new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withPath("/performance")
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(body);
  }

  /**
   * A {@code POST /performance} with a JSON body.
   *
   * @param body the JSON body
   * @return the event
   */
  public static APIGatewayProxyRequestEvent post(ObjectNode body) {
    return post(body.toString());
  }
}
