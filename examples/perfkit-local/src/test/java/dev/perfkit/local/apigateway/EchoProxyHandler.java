package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test function behind the stage: answers with how many times this environment was invoked and
 * the event it received (as the runtime deserialized it), or fails when {@code ?mode=fail}; the
 * status comes from {@code ?status=}, and {@code ?sleep=} milliseconds pass before it answers.
 */
public class EchoProxyHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    int invocation = INVOCATIONS.incrementAndGet();
    Map<String, String> query =
        Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
    if ("fail".equals(query.get("mode"))) {
      throw new IllegalStateException("asked to fail");
    }
    if (query.containsKey("sleep")) {
      try {
        Thread.sleep(Long.parseLong(query.get("sleep")));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asked to sleep", e);
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("invocation", invocation);
    body.put("lambda_request_id", context.getAwsRequestId());
    body.set("event", JSON.valueToTree(event));
    try {
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(Integer.parseInt(query.getOrDefault("status", "200")))
          .withHeaders(Map.of("Content-Type", "application/json", "X-Single", "one"))
          .withMultiValueHeaders(Map.of("X-Multi", List.of("a", "b")))
          .withBody(JSON.writeValueAsString(body))
          .withIsBase64Encoded(false);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
