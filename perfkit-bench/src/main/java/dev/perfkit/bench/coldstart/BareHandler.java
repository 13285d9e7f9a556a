package dev.perfkit.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a Java developer writes without perfkit: the SDK's DynamoDB client built with default
 * settings and an ObjectMapper, both at initialisation (the lab builds its boto3 clients at import,
 * in {@code us-east-1}), and {@code cpu_intensive} answered with the lab's envelope. It emits no
 * metrics. Only {@code cpu_intensive} (up to {@value #MAX_ITERATIONS} iterations, summed in a long)
 * is answered, the operation the cold-start benchmark sends; anything else is a 400.
 */
public class BareHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  static final int MAX_ITERATIONS = 1_000_000;

  // Built for its initialisation cost, which the benchmark compares: the lab's database
  // operations would use it, the one operation answered here does not.
  private final DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private boolean initialized;

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    long start = System.nanoTime();
    boolean coldStart = !initialized;
    initialized = true;
    try {
      JsonNode body = mapper.readTree(event.getBody() == null ? "{}" : event.getBody());
      if (!"cpu_intensive".equals(body.path("operation").asText())) {
        return answer(400, error("operation must be cpu_intensive"));
      }
      int iterations = body.path("iterations").asInt(1000);
      if (iterations < 0 || iterations > MAX_ITERATIONS) {
        return answer(400, error("iterations must be 0 to " + MAX_ITERATIONS));
      }
      ObjectNode envelope = mapper.createObjectNode();
      envelope.set("result", cpuIntensive(iterations));
      envelope
          .putObject("performance")
          .put("execution_time_ms", (System.nanoTime() - start) / 1_000_000.0)
          .put("remaining_time_ms", context.getRemainingTimeInMillis())
          .put("cold_start", coldStart)
          .put("memory_limit_mb", context.getMemoryLimitInMB());
      return answer(200, envelope);
    } catch (JsonProcessingException e) {
      return answer(400, error("the body is not JSON: " + e.getOriginalMessage()));
    }
  }

  /** The client built at initialisation. */
  DynamoDbClient dynamo() {
    return dynamo;
  }

  private ObjectNode cpuIntensive(int iterations) {
    long start = System.nanoTime();
    long sum = 0;
    for (long i = 0; i < iterations; i++) {
      sum += i * i;
    }
    double cpuTimeMs = (System.nanoTime() - start) / 1_000_000.0;
    return mapper
        .createObjectNode()
        .put("operation", "cpu_intensive")
        .put("iterations", iterations)
        .put("result", sum)
        .put("cpu_time_ms", cpuTimeMs)
        .put("operations_per_second", cpuTimeMs > 0 ? iterations / (cpuTimeMs / 1000) : 0);
  }

  private ObjectNode error(String message) {
    return mapper.createObjectNode().put("error", message);
  }

  private APIGatewayProxyResponseEvent answer(int status, ObjectNode body) {
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers could not be written", e);
    }
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withBody(json);
  }
}
