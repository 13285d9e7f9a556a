package dev.perfkit.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A {@link PerformanceFunction} as Lambda runs it: its own client registry, EMF documents to {@code
 * emf}, and a Lambda context with Lambda's longest timeout, so that no benchmark iteration nears
 * the deadline.
 */
public final class FunctionUnderTest implements AutoCloseable {

  /** The function name of the context {@link #handle} passes. */
  public static final String FUNCTION_NAME = "perfkit-bench-PerformanceFunction";

  private static final Duration TIMEOUT = Duration.ofMinutes(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClientRegistry clients;
  private final PerformanceFunction function;
  private final LambdaTestContext context;

  /**
   * The function, configured by {@code environment}.
   *
   * @param environment what it reads its variables from
   * @param emf where its EMF documents go
   */
  public FunctionUnderTest(Environment environment, OutputStream emf) {
    this.clients = ClientRegistry.builder(environment).build();
    this.function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(MetricsSink.of(emf))
                .build());
    this.context = LambdaTestContext.of(FUNCTION_NAME, TIMEOUT);
  }

  /**
   * The registry's clients, e.g. to create the table the function writes to.
   *
   * @return the function's registry
   */
  public ClientRegistry clients() {
    return clients;
  }

  /**
   * Serves {@code event} in the function's own context.
   *
   * @param event the request
   * @return the function's answer
   */
  public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event) {
    return handleRequest(event, context);
  }

  /**
   * Serves {@code event} in {@code context}, as Lambda calls the function.
   *
   * @param event the request
   * @param context the invocation's context
   * @return the function's answer
   */
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return function.handleRequest(event, context);
  }

  /**
   * Sends {@code event} once and fails unless it is answered with a 200 and a result that did not
   * fall back: a benchmark must time the operation, not its error path.
   *
   * @param event the request
   * @throws IllegalStateException when it was not answered so
   */
  public void requireSuccess(APIGatewayProxyRequestEvent event) {
    APIGatewayProxyResponseEvent response = handle(event);
    JsonNode body;
    try {
      body = JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException("the response body is not JSON: " + response.getBody(), e);
    }
    if (response.getStatusCode() != 200 || body.at("/result/fallback_reason").isTextual()) {
      throw new IllegalStateException(
          "request "
              + event.getBody()
              + " was answered "
              + response.getStatusCode()
              + ": "
              + response.getBody());
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
