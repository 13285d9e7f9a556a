package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricsSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Requests from real-shaped API Gateway events, and their responses' bodies parsed. */
final class PerformanceEvents {

  /** The name of the function the tests invoke. */
  static final String FUNCTION_NAME = "perf-test-function";

  private static final ObjectMapper JSON = new ObjectMapper();

  private PerformanceEvents() {}

  /** The POST event of {@code events/performance-post.json} with {@code body} as its body. */
  static APIGatewayProxyRequestEvent post(String body) {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("events/performance-post.json");
    event.setBody(body);
    return event;
  }

  /** A function on {@code environment} and {@code clients} whose EMF documents go nowhere. */
  static PerformanceFunction quietFunction(Environment environment, ClientRegistry clients) {
    return new PerformanceFunction(
        PerformanceFunction.Configuration.builder(environment, clients)
            .metricsSink(MetricsSink.of(OutputStream.nullOutputStream()))
            .build());
  }

  /** The event stored in {@code events/<name>}. */
  static APIGatewayProxyRequestEvent load(String name) {
    return EventLoader.loadApiGatewayRestEvent("events/" + name);
  }

  /** The response's body, parsed. */
  static JsonNode body(APIGatewayProxyResponseEvent response) {
    return parse(response.getBody());
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }
}
