package dev.perfkit.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.local.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The Lambda Runtime API of one execution environment, on loopback: what the runtime interface
 * client polls for invocations and posts their results to. The HTTP side only; what the calls mean
 * is the environment's ({@link Environment}).
 */
final class RuntimeApiServer {

  /** What the runtime's calls ask of its environment. */
  interface Environment {

    /** Blocks until the next invocation is handed over; empty when the environment stops. */
    Optional<Next> next();

    /** The invocation could not be written to the runtime: it went away. */
    void deliveryFailed();

    /** {@code POST /runtime/init/error}. */
    void initError(byte[] errorObject);

    /**
     * {@code POST /runtime/invocation/<id>/response} or {@code .../error}; false when {@code
     * requestId} is not the invocation in progress.
     */
    boolean finish(String requestId, byte[] body, boolean error);
  }

  /** An invocation handed to the runtime, and its deadline in epoch milliseconds. */
  record Next(Invocation invocation, long deadlineMillis) {}

  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String ACCEPTED = "{\"status\":\"OK\"}";

  private final Environment environment;
  private final HttpServer server;

  private RuntimeApiServer(Environment environment, HttpServer server) {
    this.environment = environment;
    this.server = server;
  }

  static RuntimeApiServer start(Environment environment, Executor executor) throws IOException {
    HttpServer server = LoopbackHttpServer.create(0, 0, executor);
    RuntimeApiServer api = new RuntimeApiServer(environment, server);
    server.createContext(PREFIX, api::handle);
    server.start();
    return api;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once, synchronously: the server's dispatcher is not a daemon thread. */
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String method = exchange.getRequestMethod();
      if ("GET".equals(method) && "invocation/next".equals(path)) {
        next(exchange);
      } else if ("POST".equals(method) && "init/error".equals(path)) {
        environment.initError(exchange.getRequestBody().readAllBytes());
        reply(exchange, 202, ACCEPTED);
      } else if ("POST".equals(method)
          && path.startsWith("invocation/")
          && (path.endsWith("/response") || path.endsWith("/error"))) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (environment.finish(requestId, body, path.endsWith("/error"))) {
          reply(exchange, 202, ACCEPTED);
        } else {
          reply(
              exchange,
              400,
              "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    Optional<Next> next = environment.next();
    if (next.isEmpty()) {
      reply(exchange, 410, "{\"errorMessage\":\"The environment is shutting down\"}");
      return;
    }
    Invocation invocation = next.get().invocation();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    exchange
        .getResponseHeaders()
        .add("Lambda-Runtime-Deadline-Ms", Long.toString(next.get().deadlineMillis()));
    exchange
        .getResponseHeaders()
        .add("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn);
    // RIC 2.10.1's native client crashes when this header is missing.
    exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", invocation.traceId);
    invocation.clientContext.ifPresent(
        context -> exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", context));
    try {
      exchange.sendResponseHeaders(200, invocation.payload.length);
      exchange.getResponseBody().write(invocation.payload);
    } catch (IOException e) {
      environment.deliveryFailed();
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
