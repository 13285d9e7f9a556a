package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.testing.InvokeApiServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LoadTester} wired to a local Invoke API: the real SDK {@code LambdaClient} from its
 * registry reaches the server through {@code AWS_ENDPOINT_URL_LAMBDA} with dummy credentials. The
 * server answers {@code load-tester} with this same tester, so fan-out workers come back to it;
 * tests register the target functions.
 */
final class LoadTesterFixture implements AutoCloseable {

  static final String SELF = "load-tester";
  static final Duration WORKER_TIME = Duration.ofMinutes(1);
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A handler's answer: status and parsed body. */
  record Answer(int status, JsonNode body) {

    JsonNode results() {
      return body.get("load_test_results");
    }
  }

  final InvokeApiServer server;
  final LoadTesterConfig config;
  final LoadTester tester;

  /**
   * Resolves IP literals and {@code localhost} (to 127.0.0.1) without DNS; no other name resolves,
   * so that no test sends a query anywhere.
   */
  static final HostResolver NO_DNS =
      host -> {
        if (host.equals("localhost")) {
          return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}));
        }
        if (host.indexOf(':') >= 0 || host.matches("[0-9.]+")) {
          return List.of(InetAddress.getByName(host));
        }
        throw new UnknownHostException(host + ": the tests resolve no names");
      };

  LoadTesterFixture(Map<String, String> extraEnvironment) {
    this(extraEnvironment, NO_DNS);
  }

  LoadTesterFixture(Map<String, String> extraEnvironment, HostResolver resolver) {
    server = InvokeApiServer.start();
    Map<String, String> variables =
        new HashMap<>(
            Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test-access-key",
                "AWS_SECRET_ACCESS_KEY", "test-secret-key",
                "AWS_ENDPOINT_URL_LAMBDA", server.endpoint().toString()));
    variables.putAll(extraEnvironment);
    config = LoadTesterConfig.fromEnvironment(Environment.of(variables)).withResolver(resolver);
    tester = new LoadTester(config);
    server.register(
        SELF,
        InvokeApiServer.apiGateway(tester, invocation -> LambdaTestContext.of(SELF, WORKER_TIME)));
  }

  LoadTesterFixture() {
    this(Map.of());
  }

  /** Runs the handler with {@code body} as the lab does, with a minute left. */
  Answer handle(String body) {
    return handle(body, LambdaTestContext.of(SELF, Duration.ofMinutes(1)));
  }

  Answer handle(String body, Context context) {
    APIGatewayProxyResponseEvent response =
        tester.handleRequest(new APIGatewayProxyRequestEvent().withBody(body), context);
    return answer(response.getStatusCode(), response.getBody());
  }

  static Answer answer(int status, String body) {
    try {
      return new Answer(status, MAPPER.readTree(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lab's target envelope with {@code statusCode}. */
  static InvokeApiServer.InvokeResult envelope(int statusCode, Object body) {
    return InvokeApiServer.InvokeResult.ok(
        json(
            Map.of(
                "statusCode", statusCode,
                "headers", Map.of("Content-Type", "application/json"),
                "body", json(body))));
  }

  @Override
  public void close() {
    config.registry().close();
    server.close();
  }
}
