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
 *
 * <p>It serves the environment's own process only, as Lambda's Runtime API is reachable from inside
 * the environment alone: a call from any other local process (which could read {@code
 * AWS_LAMBDA_RUNTIME_API} and poll) gets 403 and is logged. A result may come from the connection
 * its invocation was delivered on without a second look.
 */
final class RuntimeApiServer {

  /** What the runtime's calls ask of its environment. */
  interface Environment {

    /** Blocks until the next invocation is handed over; empty when the environment stops. */
    Optional<Next> next();

    /** The environment's JVM, whose process alone may call; -1 before it starts. */
    long pid();

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
  private static final String FORBIDDEN =
      "{\"errorMessage\":\"Only the execution environment's runtime may call its Runtime API\","
          + "\"errorType\":\"Forbidden\"}";
  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  private final Environment environment;
  private final HttpServer server;
  private final boolean checksPeers = LoopbackPeers.supported();

  /** The client port the current invocation went out on; -1 before the first. */
  private volatile int deliveredOn = -1;

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
      if (!fromTheEnvironment(exchange, "POST".equals(method) && path.startsWith("invocation/"))) {
        reply(exchange, 403, FORBIDDEN);
      } else if ("GET".equals(method) && "invocation/next".equals(path)) {
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

  /**
   * Whether the caller is the environment's process (or one it started); {@code result} calls from
   * the connection the invocation was delivered on are taken without looking again.
   */
  private boolean fromTheEnvironment(HttpExchange exchange, boolean result) {
    int clientPort = exchange.getRemoteAddress().getPort();
    if (!checksPeers || (result && clientPort == deliveredOn)) {
      return true;
    }
    long pid = environment.pid();
    if (LoopbackPeers.heldBy(pid, clientPort, port())) {
      return true;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "Refused {0} {1} from 127.0.0.1:{2}: not the environment JVM {3} or a process it started",
        exchange.getRequestMethod(),
        exchange.getRequestURI().getPath(),
        Integer.toString(clientPort),
        Long.toString(pid));
    return false;
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
    deliveredOn = exchange.getRemoteAddress().getPort();
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
